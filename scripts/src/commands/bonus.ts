import { hrCsv } from '@delight/api/bonus/csv';
import { bonusRun } from '@delight/api/bonus/service';
import { startedPeriod, todayUtc } from '@delight/api/lib/period';
import type { Database } from '@delight/db';
import { PERIOD_HELP, printJson, runCommand } from './run';

const USAGE = `usage: delight bonus --period P [--csv]   (${PERIOD_HELP})`;

/**
 * `pnpm delight bonus --period P`: prints the JSON of `GET /api/bonus?period=P` as hr
 * sees it; with `--csv` the HR CSV of `GET /api/bonus/export.csv`, streamed to stdout.
 * Works on the database directly: whoever runs the CLI holds the database.
 */
export function bonusCommand(
  args: string[],
  database: Database,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  return runCommand(
    args,
    { period: { type: 'string' }, csv: { type: 'boolean' } },
    USAGE,
    async (values) => {
      const period = startedPeriod(values.period, todayUtc());
      if (!values.csv) return printJson(await bonusRun(database.db, period, { kind: 'all' }), out);
      const stream = await hrCsv(database.db, period, { kind: 'all' });
      for await (const chunk of stream) {
        if (!out.write(chunk as Buffer)) await new Promise((r) => out.once('drain', r));
      }
      return 0;
    },
  );
}
