import { type Db, type Executor, REPEATABLE_READ, retrying } from '@delight/db';
import { assumptionsForPeriod } from '../assumptions/store';
import { writeAudit } from '../audit/log';
import type { Principal } from '../auth/principal';
import { insertSnapshot, markClosed, periodRows } from '../bonus/queries';
import {
  type BonusRow,
  type CurrencyTotal,
  computeRows,
  loadPeriodState,
  type PeriodState,
  periodState,
  plansInForce,
  planVersionsUsed,
  totalsByCurrency,
} from '../bonus/service';
import { conflict } from '../lib/errors';
import { isoDate, type Period } from '../lib/period';

const publicState = ({ id: _id, ...state }: PeriodState) => state;

/** Periods with a stored state (closed ones), newest first; any other period is open. */
export async function listPeriods(db: Executor) {
  const rows = await periodRows(db);
  return rows.map((r) => publicState(periodState(r.period, r)));
}

export async function getPeriod(db: Executor, period: Period) {
  return publicState(await loadPeriodState(db, period));
}

export interface CloseResult extends Omit<PeriodState, 'id'> {
  rows: number;
  totals: CurrencyTotal[];
}

/**
 * Closes a period: in one transaction, marks it closed (a second close finds it closed
 * and gets 409, also when two race: the unique period row decides), computes every
 * row once more and stores it as the immutable snapshot, with the plan versions and
 * the assumption version in force, and writes the audit entry. A period that has not
 * ended yet cannot be closed: its data is still coming in.
 */
export async function closePeriod(
  db: Db,
  period: Period,
  principal: Principal,
  today: string = isoDate(Date.now()),
): Promise<CloseResult> {
  if (period.end > today) {
    throw conflict(`${period.key} has not ended yet (it ends before ${period.end})`);
  }
  // One snapshot for every read, even while another replica imports; run again when
  // PostgreSQL refuses it for a concurrent change.
  return retrying(db).transaction(async (tx) => {
    const plans = await plansInForce(tx, period);
    const planVersions = planVersionsUsed(plans);
    // the version the open period's money figures use (in force at its start), so
    // closing freezes exactly what people saw, like the plan versions
    const assumptions = await assumptionsForPeriod(tx, period);
    const closedBy = principal.kind === 'session' ? principal.id : null;
    const id = await markClosed(tx, period.key, closedBy, planVersions, assumptions.id);
    if (id === null)
      throw conflict(`${period.key} is already closed; a closed period never changes`);
    const stored: BonusRow[] = [];
    let position = 0;
    for await (const row of computeRows(tx, period, { kind: 'all' }, plans)) {
      await insertSnapshot(tx, id, position++, row.employee, row);
      // only what the totals need is kept, so memory stays small
      stored.push({ ...row, lines: [] });
    }
    const state = publicState(await loadPeriodState(tx, period));
    const totals = totalsByCurrency(stored);
    await writeAudit(tx, {
      actor: principal.label,
      action: 'period.close',
      entity: `period:${period.key}`,
      before: { status: 'open' },
      after: {
        status: 'closed',
        plan_versions: planVersions,
        assumption_version_id: assumptions.id,
        rows: stored.length,
        totals,
      },
    });
    return { ...state, rows: stored.length, totals };
  }, REPEATABLE_READ);
}
