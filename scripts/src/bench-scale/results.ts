/**
 * What one run measured, persisted per scale and engine as
 * `.data/bench/results-<scale>-<engine>.json`, so that a later run of another scale can
 * put its figures beside an earlier S run (L/S ratios) without measuring S again.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Engine } from './args';
import type { FloorResult } from './floor';
import type { Manifest } from './generate/dataset';
import type { EndpointTiming, Timing } from './measure';

export interface ImportMeasure {
  ok: boolean;
  seconds: number;
  peakRssKb: number;
  exitCode: number | null;
  error: string | null;
  /** rows the import reported per file (when it answered) */
  imported: Record<string, number> | null;
}

export interface QuestionResult {
  label: string;
  api: EndpointTiming | null;
  raw: Timing | null;
  duckdb: Timing | null;
  /** answer mismatches found by checks.ts: against the raw SQL and against DuckDB */
  mismatches: { raw: string[]; duckdb: string[] } | null;
}

export interface IncrementResult {
  ok: boolean;
  seconds: number;
  error: string | null;
  responses: number;
  complaints: number;
  /** the next company KPI call shows the day: null when it could not be checked */
  visible: boolean | null;
  detail: string;
}

export interface RunResults {
  scale: string;
  engine: Engine;
  seed: number;
  date: string;
  machine: Record<string, string>;
  server: Record<string, string>;
  dataset: Pick<Manifest, 'files' | 'spec' | 'increment' | 'generatedSeconds'> & {
    generated: boolean;
    bytes: number;
  };
  floor: FloorResult | null;
  import: ImportMeasure | null;
  /** product tables that had statistics when the endpoints ran (postgres engine) */
  statistics: string | null;
  duckdbLoadSeconds: number | null;
  duckdbError: string | null;
  questions: Record<string, QuestionResult>;
  serverRss: {
    endpointsPeakKb: number;
    csvBeforeKb: number | null;
    csvMaxKb: number | null;
  } | null;
  serverError: string | null;
  increment: IncrementResult | null;
  notes: string[];
}

export const resultsPath = (dir: string, scale: string, engine: Engine) =>
  join(dir, `results-${scale}-${engine}.json`);

export async function saveResults(dir: string, results: RunResults): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = resultsPath(dir, results.scale, results.engine);
  await writeFile(path, `${JSON.stringify(results, null, 2)}\n`);
  return path;
}

export async function loadResults(
  dir: string,
  scale: string,
  engine: Engine,
): Promise<RunResults | null> {
  const path = resultsPath(dir, scale, engine);
  if (!existsSync(path)) return null;
  return JSON.parse(await readFile(path, 'utf8')) as RunResults;
}
