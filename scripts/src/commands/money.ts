import { startedPeriod, todayUtc } from '@delight/api/lib/period';
import { parseScope, resolveScope } from '@delight/api/lib/scope';
import { computeMoney } from '@delight/api/money/service';
import type { Database } from '@delight/db';
import { PERIOD_HELP, printJson, runCommand, SCOPE_HELP } from './run';

const USAGE = `usage: delight money --period P [--scope S]   (${PERIOD_HELP}; ${SCOPE_HELP})`;

/**
 * `pnpm delight money --period P --scope S`: prints exactly the JSON of
 * `GET /api/money?period=P&scope=S` in the given reporting currency. Works on the
 * database directly, so no access check: whoever runs the CLI holds the database.
 */
export function moneyCommand(
  args: string[],
  database: Database,
  reportingCurrency: string,
): Promise<number> {
  return runCommand(
    args,
    { period: { type: 'string' }, scope: { type: 'string' } },
    USAGE,
    async (values) => {
      const period = startedPeriod(values.period, todayUtc());
      const scope = await resolveScope(database.db, parseScope(values.scope));
      return printJson(await computeMoney(database.db, period, scope, reportingCurrency));
    },
  );
}
