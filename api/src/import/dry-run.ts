import { type Executor, PERIOD_KINDS } from '@delight/db';
import { sql } from 'drizzle-orm';
import { latestDataDate } from '../bonus/queries';
import { type CurrencyTotal, loadPeriodState, runTotals } from '../bonus/service';
import { Dec, roundMoney } from '../lib/decimal';
import { isoDate, type Period, parsePeriod, periodKeyAt, previousPeriod } from '../lib/period';

/** What an import would change in the bonus totals of an open period. */
export interface BonusChange {
  period: string;
  before: CurrencyTotal[];
  after: CurrencyTotal[];
  /** per currency: amount before → after */
  differences: { currency: string; before: string; after: string; difference: string }[];
}

/**
 * The open periods a dry run reports: per period kind, the one holding the latest data
 * (after the import) and the one before it, unless closed (a closed period never
 * changes: its snapshot is what was paid).
 */
export async function openPeriods(db: Executor): Promise<Period[]> {
  // periods that have not started have no bonus run: never past today
  const today = isoDate(Date.now());
  const latest = (await latestDataDate(db)) ?? today;
  const day = [latest, today].sort()[0]!;
  const out: Period[] = [];
  for (const kind of PERIOD_KINDS) {
    const latest = parsePeriod(periodKeyAt(kind, day));
    for (const p of [previousPeriod(latest), latest]) {
      // submitted and approved runs still move with the data (a change sends them back to open)
      if ((await loadPeriodState(db, p)).status !== 'closed') out.push(p);
    }
  }
  return out;
}

export async function bonusTotals(
  db: Executor,
  periods: Period[],
): Promise<Map<string, CurrencyTotal[]>> {
  const out = new Map<string, CurrencyTotal[]>();
  for (const p of periods) out.set(p.key, await runTotals(db, p));
  return out;
}

export function bonusChanges(
  periods: Period[],
  before: Map<string, CurrencyTotal[]>,
  after: Map<string, CurrencyTotal[]>,
): BonusChange[] {
  const changes: BonusChange[] = [];
  for (const p of periods) {
    const b = before.get(p.key) ?? [];
    const a = after.get(p.key) ?? [];
    if (a.length === 0 && b.length === 0) continue;
    const currencies = [...new Set([...a, ...b].map((t) => t.currency))].sort();
    changes.push({
      period: p.key,
      before: b,
      after: a,
      differences: currencies.map((currency) => {
        const x = b.find((t) => t.currency === currency)?.bonus_amount ?? '0';
        const y = a.find((t) => t.currency === currency)?.bonus_amount ?? '0';
        return {
          currency,
          before: roundMoney(x, currency),
          after: roundMoney(y, currency),
          difference: roundMoney(new Dec(y).minus(x), currency),
        };
      }),
    });
  }
  return changes;
}

/** Savepoints, so a dry run can measure after the writes and then before them. */
export const savepoint = (db: Executor, name: string) => db.execute(sql.raw(`savepoint ${name}`));
export const rollbackTo = (db: Executor, name: string) =>
  db.execute(sql.raw(`rollback to savepoint ${name}`));
