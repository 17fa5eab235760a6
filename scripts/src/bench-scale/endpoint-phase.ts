/**
 * The endpoint phase: the app server in its own process on the imported database, every
 * dashboard question through HTTP (memory watched, the HR CSV's RSS window kept), then
 * "one more day" through POST /api/import on the same running server and the next
 * company KPI call checked for it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CHECKS } from './checks';
import type { Question } from './endpoints';
import type { Manifest } from './generate/dataset';
import { type Client, callApi, importOverHttp } from './http';
import { type EndpointTiming, timeEndpoint } from './measure';
import { nodeCommand, startLongRunning } from './processes';
import type { IncrementResult, RunResults } from './results';

const SERVER = new URL('./server-child.ts', import.meta.url).pathname;

export interface EndpointPhase {
  api: Record<string, EndpointTiming>;
  /** the last API answer of the questions that are checked against the baselines */
  answers: Record<string, unknown>;
  serverRss: RunResults['serverRss'];
  increment: IncrementResult | null;
}

type Kpis = Record<string, { n?: number }>;
const sampleSizes = (body: unknown): Kpis => ((body as { kpis?: Kpis } | null)?.kpis ?? {}) as Kpis;

export async function runEndpointPhase(o: {
  env: NodeJS.ProcessEnv;
  questions: Question[];
  runs: number;
  manifest: Manifest;
  incrementDir: string | null;
  log: (line: string) => void;
}): Promise<EndpointPhase> {
  const [command, args] = nodeCommand(SERVER, []);
  const server = await startLongRunning(command, args, o.env);
  const ready = JSON.parse(server.firstLine) as { url: string; token: string };
  const client: Client = { base: ready.url, token: ready.token, timeoutMs: 900_000 };
  const api: Record<string, EndpointTiming> = {};
  const answers: Record<string, unknown> = {};
  let csvWindow: { before: number | null; max: number | null } = { before: null, max: null };
  try {
    for (const q of o.questions) {
      const { timing, last } = await timeEndpoint(client, q, o.runs, server.watch);
      api[q.key] = timing;
      if (q.key in CHECKS) answers[q.key] = last.body;
      if (q.csv) csvWindow = { before: timing.rssBeforeKb, max: timing.rssMaxKb };
      o.log(
        `  ${q.label.padEnd(26)} ${timing.ok ? `${timing.medianMs?.toFixed(1)} ms` : `FAILED ${timing.error}`}`,
      );
    }
    server.watch.sample();
    const endpointsPeakKb = server.watch.peakKb;
    const increment = o.incrementDir
      ? await oneMoreDay(client, o.incrementDir, o.manifest, answers['kpis-company'])
      : null;
    return {
      api,
      answers,
      serverRss: { endpointsPeakKb, csvBeforeKb: csvWindow.before, csvMaxKb: csvWindow.max },
      increment,
    };
  } finally {
    await server.stop();
  }
}

/** Imports the increment folder over HTTP, then asks for the company KPIs again. */
async function oneMoreDay(
  client: Client,
  dir: string,
  manifest: Manifest,
  before: unknown,
): Promise<IncrementResult> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.csv')).sort();
  const files = await Promise.all(
    names.map(async (name) => ({ name, content: await readFile(join(dir, name)) })),
  );
  const inc = manifest.increment;
  const base = { responses: inc.responses, complaints: inc.complaints };
  const result = await importOverHttp(client, files);
  if (result.error) {
    return {
      ...base,
      ok: false,
      seconds: result.ms / 1000,
      error: result.error,
      visible: null,
      detail: 'import failed',
    };
  }
  const after = await callApi(client, `/api/kpis?period=2026-Q3&scope=company`, false);
  if (after.error || !before) {
    return {
      ...base,
      ok: true,
      seconds: result.ms / 1000,
      error: null,
      visible: null,
      detail: after.error ?? 'no KPI answer before the increment',
    };
  }
  const b = sampleSizes(before);
  const a = sampleSizes(after.body);
  const expected: [string, number][] = [
    ['nps', inc.byKind.nps],
    ['csat', inc.byKind.csat],
    ['ces', inc.byKind.ces],
    ['first_response_h', inc.validWithFirstResponse],
  ];
  const seen = expected.map(([k, want]) => ({ k, want, got: (a[k]?.n ?? 0) - (b[k]?.n ?? 0) }));
  const visible = seen.every((s) => s.got === s.want);
  const detail = seen
    .map((s) => `${s.k}.n +${s.got}${s.got === s.want ? '' : ` (expected +${s.want})`}`)
    .join(', ');
  return { ...base, ok: true, seconds: result.ms / 1000, error: null, visible, detail };
}
