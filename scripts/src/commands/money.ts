import { parseArgs } from 'node:util';
import type { Database } from '@delight/db';
import { loadConfig } from '../../../api/src/config';
import { AppError } from '../../../api/src/lib/errors';
import { parsePeriod } from '../../../api/src/lib/period';
import { parseScope, resolveScope } from '../../../api/src/lib/scope';
import { computeMoney } from '../../../api/src/money/service';

const USAGE =
  'usage: delight money --period P [--scope S]   (P: 2026-03, 2026-Q1, 2026; S: company, segment:ID, manager:ID, employee:ID)';

/**
 * `pnpm delight money --period P --scope S`: prints exactly the JSON of
 * `GET /api/money?period=P&scope=S` (2-space indent), in the reporting currency of
 * DELIGHT_REPORTING_CURRENCY like the server. Works on the database directly, so no
 * access check: whoever runs the CLI holds the database.
 */
export async function moneyCommand(
  args: string[],
  database: Database,
  reportingCurrency = loadConfig().reportingCurrency,
): Promise<number> {
  let values: { period?: string | undefined; scope?: string | undefined };
  try {
    ({ values } = parseArgs({
      args,
      options: { period: { type: 'string' }, scope: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 1;
  }
  try {
    const period = parsePeriod(values.period);
    const scope = await resolveScope(database.db, parseScope(values.scope));
    const answer = await computeMoney(database.db, period, scope, reportingCurrency);
    process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof AppError && err.status < 500) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
