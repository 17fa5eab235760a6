/**
 * The two baselines of every question: raw-scan SQL over the floor's plain tables on
 * PostgreSQL, and the same SQL on DuckDB over the same CSV files. Each is timed like
 * the endpoints and, where checks.ts knows how, compared with the API's answer.
 */
import { CHECKS } from './checks';
import { loadDuckDb } from './duckdb';
import type { Question } from './endpoints';
import type { SqlEngine } from './engines';
import { type Timing, timeStatements } from './measure';
import { type Dialect, DUCKDB_DIALECT, POSTGRES_DIALECT } from './questions';
import { floorEngine } from './raw-sql';
import type { RunResults } from './results';

export interface BaselineResult {
  timing: Record<string, Timing>;
  mismatches: Record<string, string[]>;
}

export async function runBaseline(o: {
  engine: SqlEngine;
  questions: Question[];
  runs: number;
  answers: Record<string, unknown>;
  log: (line: string) => void;
}): Promise<BaselineResult> {
  const dialect: Dialect = o.engine.name === 'duckdb' ? DUCKDB_DIALECT : POSTGRES_DIALECT;
  const timing: Record<string, Timing> = {};
  const mismatches: Record<string, string[]> = {};
  // the bonus run and the HR CSV ask the same raw question: measured once
  const done = new Map<string, Timing>();
  for (const q of o.questions) {
    const statements = q.raw(dialect);
    const key = statements.join(';\n');
    const known = done.get(key);
    if (known) {
      timing[q.key] = known;
      continue;
    }
    const { timing: t, rows } = await timeStatements(o.engine, statements, o.runs);
    timing[q.key] = t;
    done.set(key, t);
    const check = CHECKS[q.key];
    if (check && t.ok && o.answers[q.key] !== undefined)
      mismatches[q.key] = check(o.answers[q.key], rows);
    o.log(`  ${q.label.padEnd(26)} ${t.ok ? `${t.medianMs?.toFixed(1)} ms` : `FAILED ${t.error}`}`);
  }
  return { timing, mismatches };
}

/**
 * Both baselines into the results: raw SQL on the floor (when it loaded) and DuckDB.
 * A failing baseline is recorded and the other still runs.
 */
export async function measureBaselines(o: {
  results: RunResults;
  /** the database holding the floor tables, or null when the floor failed */
  floorUrl: string | null;
  csvDir: string;
  questions: Question[];
  runs: number;
  answers: Record<string, unknown>;
  log: (line: string) => void;
}): Promise<void> {
  const { results, questions, runs, answers, log } = o;
  const merge = (which: 'raw' | 'duckdb', b: BaselineResult) => {
    for (const [key, t] of Object.entries(b.timing)) results.questions[key]![which] = t;
    for (const [key, mm] of Object.entries(b.mismatches)) {
      const q = results.questions[key]!;
      q.mismatches = {
        raw: q.mismatches?.raw ?? [],
        duckdb: q.mismatches?.duckdb ?? [],
        [which]: mm,
      };
    }
  };
  if (o.floorUrl) {
    log('raw-scan SQL over the \\copy tables …');
    const engine = await floorEngine(o.floorUrl);
    try {
      merge('raw', await runBaseline({ engine, questions, runs, answers, log }));
    } finally {
      await engine.close();
    }
  }
  log('DuckDB over the same CSV files …');
  try {
    const duck = await loadDuckDb(o.csvDir);
    results.duckdbLoadSeconds = duck.loadSeconds;
    try {
      merge('duckdb', await runBaseline({ engine: duck.engine, questions, runs, answers, log }));
    } finally {
      await duck.engine.close();
    }
  } catch (err) {
    results.duckdbError = String(err).slice(0, 1000);
  }
}
