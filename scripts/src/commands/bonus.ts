import { parseArgs } from 'node:util';
import type { Database } from '@delight/db';
import { hrCsv } from '../../../api/src/bonus/csv';
import { bonusRun } from '../../../api/src/bonus/service';
import { AppError } from '../../../api/src/lib/errors';
import { parsePeriod } from '../../../api/src/lib/period';

const USAGE = 'usage: delight bonus --period P [--csv]   (P: 2026-03, 2026-Q1, 2026)';

/**
 * `pnpm delight bonus --period P`: prints the JSON of `GET /api/bonus?period=P` as hr
 * sees it; with `--csv` the HR CSV of `GET /api/bonus/export.csv`, streamed to stdout.
 * Works on the database directly: whoever runs the CLI holds the database.
 */
export async function bonusCommand(
  args: string[],
  database: Database,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  let values: { period?: string | undefined; csv?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args,
      options: { period: { type: 'string' }, csv: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 1;
  }
  try {
    const period = parsePeriod(values.period);
    if (values.csv) {
      const stream = await hrCsv(database.db, period, { kind: 'all' });
      for await (const chunk of stream) {
        if (!out.write(chunk as Buffer)) await new Promise((r) => out.once('drain', r));
      }
      return 0;
    }
    const run = await bonusRun(database.db, period, { kind: 'all' });
    out.write(`${JSON.stringify(run, null, 2)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof AppError && err.status < 500) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
