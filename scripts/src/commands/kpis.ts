import { kpiAnswer } from '@delight/api/kpis/service';
import { startedPeriod, todayUtc } from '@delight/api/lib/period';
import { parseScope, resolveScope } from '@delight/api/lib/scope';
import type { Database } from '@delight/db';
import { PERIOD_HELP, printJson, runCommand, SCOPE_HELP } from './run';

const USAGE = `usage: delight kpis --period P [--scope S]   (${PERIOD_HELP}; ${SCOPE_HELP})`;

/**
 * `pnpm delight kpis --period P --scope S`: prints exactly the JSON of
 * `GET /api/kpis?period=P&scope=S`. Works on the database directly, so no access
 * check: whoever runs the CLI holds the database.
 */
export function kpisCommand(args: string[], database: Database): Promise<number> {
  return runCommand(
    args,
    { period: { type: 'string' }, scope: { type: 'string' } },
    USAGE,
    async (values) => {
      const period = startedPeriod(values.period, todayUtc());
      const scope = await resolveScope(database.db, parseScope(values.scope));
      return printJson(await kpiAnswer(database.db, period, scope));
    },
  );
}
