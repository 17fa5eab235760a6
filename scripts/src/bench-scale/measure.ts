/** Timing loops: one warm-up call, then the median of the measured runs. */
import type { Question } from './endpoints';
import type { Row, SqlEngine } from './engines';
import { type CallResult, type Client, callApi } from './http';
import type { MemoryWatch } from './processes';

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface Timing {
  ok: boolean;
  medianMs: number | null;
  runsMs: number[];
  error: string | null;
}

export interface EndpointTiming extends Timing {
  status: number;
  bytes: number;
  /** bonus rows (run) or CSV data rows */
  rows: number | null;
  /** server VmRSS during the measured calls (KiB): before the first and the highest */
  rssBeforeKb: number | null;
  rssMaxKb: number | null;
}

const bonusRows = (body: unknown): number | null => {
  const rows = (body as { rows?: unknown } | null)?.rows;
  return Array.isArray(rows) ? rows.length : null;
};

/** The endpoint: warm-up, then `runs` calls; the last answer is handed back for the checks. */
export async function timeEndpoint(
  client: Client,
  q: Question,
  runs: number,
  watch: MemoryWatch,
): Promise<{ timing: EndpointTiming; last: CallResult }> {
  let last = await callApi(client, q.path, q.csv);
  const base = { status: last.status, bytes: last.bytes, rssBeforeKb: null, rssMaxKb: null };
  if (last.error) {
    const timing = { ok: false, medianMs: null, runsMs: [last.ms], error: last.error, rows: null };
    return { timing: { ...timing, ...base }, last };
  }
  watch.beginWindow();
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    last = await callApi(client, q.path, q.csv);
    if (last.error) break;
    runsMs.push(last.ms);
  }
  const samples = watch.endWindow();
  const timing: EndpointTiming = {
    ok: last.error === null,
    medianMs: median(runsMs),
    runsMs,
    error: last.error,
    status: last.status,
    bytes: last.bytes,
    rows: !q.perEmployee ? null : q.csv ? last.csvRows : bonusRows(last.body),
    rssBeforeKb: samples[0] ?? null,
    rssMaxKb: samples.length ? Math.max(...samples) : null,
  };
  return { timing, last };
}

/** A baseline question runs SLOW_RUNS times (not `runs`) once its warm-up alone takes longer than this. */
const SLOW_BASELINE_MS = 30_000;
const SLOW_RUNS = 3;

/** The raw statements of a question on an engine; the rows of the first statement come back. */
export async function timeStatements(
  engine: SqlEngine,
  statements: readonly string[],
  runs: number,
): Promise<{ timing: Timing; rows: Row[] }> {
  const once = async () => {
    const started = performance.now();
    let first: Row[] = [];
    for (const [i, text] of statements.entries()) {
      const rows = await engine.query(text);
      if (i === 0) first = rows;
    }
    return { ms: performance.now() - started, rows: first };
  };
  try {
    const warm = await once();
    const n = warm.ms > SLOW_BASELINE_MS ? Math.min(SLOW_RUNS, runs) : runs;
    const runsMs: number[] = [];
    let rows = warm.rows;
    for (let i = 0; i < n; i++) {
      const r = await once();
      runsMs.push(r.ms);
      rows = r.rows;
    }
    return { timing: { ok: true, medianMs: median(runsMs), runsMs, error: null }, rows };
  } catch (err) {
    return {
      timing: { ok: false, medianMs: null, runsMs: [], error: String(err).slice(0, 500) },
      rows: [],
    };
  }
}
