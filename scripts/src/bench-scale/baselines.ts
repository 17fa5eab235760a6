/**
 * The two baselines of every question: raw-scan SQL over the floor's plain tables on
 * PostgreSQL, and the same SQL on DuckDB over the same CSV files. Each is timed like
 * the endpoints and, where checks.ts knows how, compared with the API's answer.
 */
import { CHECKS } from './checks';
import type { Question } from './endpoints';
import type { SqlEngine } from './engines';
import { type Timing, timeStatements } from './measure';
import { type Dialect, DUCKDB_DIALECT, POSTGRES_DIALECT } from './questions';

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
