import { type Db, type Executor, REPEATABLE_READ, retrying } from '@delight/db';
import { assumptionsForPeriod } from '../assumptions/store';
import { writeAudit } from '../audit/log';
import type { Principal } from '../auth/principal';
import {
  RUN_STEP_ROLES,
  RunHasher,
  type RunStepOption,
  reviewRuns,
  runChanged,
  runStep,
  runStepsFor,
} from '../bonus/approval';
import { lockPeriodRow } from '../bonus/approval-queries';
import { countOpenDisputes } from '../bonus/disputes-queries';
import { withAdjustments } from '../bonus/disputes-rows';
import { insertSnapshot, markClosed, periodRows } from '../bonus/queries';
import {
  type CurrencyTotal,
  computeRows,
  loadPeriodState,
  type PeriodState,
  periodState,
  plansInForce,
  planVersionsUsed,
} from '../bonus/service';
import { conflict } from '../lib/errors';
import { isoDate, type Period } from '../lib/period';

export type PublicPeriodState = Omit<PeriodState, 'id' | 'fingerprint'>;
const publicState = ({ id: _id, fingerprint: _f, ...state }: PeriodState): PublicPeriodState =>
  state;

/** Periods with a stored state (ones that were ever submitted, or closed), newest first. */
export async function listPeriods(db: Executor) {
  const rows = await periodRows(db);
  return rows.map((r) => publicState(periodState(r.period, r)));
}

/** A period's state and, for a signed-in caller, the steps their role offers (possible or why not). */
export async function getPeriod(
  db: Executor,
  period: Period,
  principal?: Principal,
  today: string = isoDate(Date.now()),
): Promise<PublicPeriodState & { steps: RunStepOption[] }> {
  const state = publicState(await loadPeriodState(db, period));
  const steps = principal ? await runStepsFor(db, period, principal, today) : [];
  return { ...state, steps };
}

export interface CloseResult extends PublicPeriodState {
  rows: number;
  totals: CurrencyTotal[];
}

/** Thrown inside the close transaction when the run changed since approval (rolled back). */
class RunChangedAtClose extends Error {}

/**
 * Closes an approved period: in one transaction, marks it closed (a second close finds
 * it closed and gets 409, also when two race: the period row decides), computes every
 * row once more and stores it as the immutable snapshot, with the plan versions and
 * the assumption version in force, and writes the audit entry. The rows stored must be
 * the rows approved (the same fingerprint): when they are not, nothing is stored, the
 * run goes back to open with the reason, and the close is refused.
 */
export async function closePeriod(
  db: Db,
  period: Period,
  principal: Principal,
  today: string = isoDate(Date.now()),
): Promise<CloseResult> {
  if (!RUN_STEP_ROLES.close.includes(principal.role)) {
    runStep('close', {
      period: period.key,
      status: 'approved',
      role: principal.role,
      actor: principal.label,
      submittedBy: null,
      ended: true,
      hasPlan: true,
      openDisputes: 0,
    });
  }
  try {
    return await closeApproved(db, period, principal, today);
  } catch (err) {
    if (!(err instanceof RunChangedAtClose)) throw err;
    await retrying(db).transaction(
      (tx) =>
        reviewRuns(tx, {
          actor: principal.label,
          cause: 'A change to the data, plans, assumptions or adjustments',
        }),
      REPEATABLE_READ,
    );
    const state = await loadPeriodState(db, period);
    throw runChanged(period.key, state.reopen_reason ?? '');
  }
}

function closeApproved(
  db: Db,
  period: Period,
  principal: Principal,
  today: string,
): Promise<CloseResult> {
  // One snapshot for every read, even while another replica imports; run again when
  // PostgreSQL refuses it for a concurrent change.
  return retrying(db).transaction(async (tx) => {
    await lockPeriodRow(tx, period.key);
    const before = await loadPeriodState(tx, period);
    const plans = await plansInForce(tx, period);
    runStep('close', {
      period: period.key,
      status: before.status,
      role: principal.role,
      actor: principal.label,
      submittedBy: before.submitted_by,
      ended: period.end <= today,
      hasPlan: plans.size > 0,
      openDisputes: await countOpenDisputes(tx, period.key),
    });
    const planVersions = planVersionsUsed(plans);
    // the version the open period's money figures use, so closing freezes exactly what
    // people saw, like the plan versions
    const assumptions = await assumptionsForPeriod(tx, period);
    const closedBy = principal.kind === 'session' ? principal.id : null;
    const id = await markClosed(tx, period.key, closedBy, planVersions, assumptions.id);
    if (id === null)
      throw conflict(`${period.key} is already closed; a closed period never changes`);
    const hasher = new RunHasher(planVersions, assumptions.id);
    let position = 0;
    const rows = computeRows(tx, period, { kind: 'all' }, plans);
    for await (const row of withAdjustments(tx, period, rows)) {
      await insertSnapshot(tx, id, position++, row.employee, row);
      // only what the totals need is kept, so memory stays small
      hasher.add(row);
    }
    if (hasher.digest() !== before.fingerprint) throw new RunChangedAtClose();
    const state = publicState(await loadPeriodState(tx, period));
    const totals = hasher.totals();
    await writeAudit(tx, {
      actor: principal.label,
      action: 'period.close',
      entity: `period:${period.key}`,
      before: { status: before.status, approved_by: before.approved_by },
      after: {
        status: 'closed',
        plan_versions: planVersions,
        assumption_version_id: assumptions.id,
        rows: hasher.rows,
        totals,
      },
    });
    return { ...state, rows: hasher.rows, totals };
  }, REPEATABLE_READ);
}
