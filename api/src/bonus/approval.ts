import { createHash } from 'node:crypto';
import {
  type Db,
  type Executor,
  type PeriodStatus,
  REPEATABLE_READ,
  type Role,
  retrying,
} from '@delight/db';
import { assumptionsForPeriod } from '../assumptions/store';
import { writeAudit } from '../audit/log';
import type { Principal } from '../auth/principal';
import { DomainError, type ErrorCode, isDomainError } from '../lib/errors';
import { type Period, parsePeriod, periodLabel } from '../lib/period';
import {
  lockPeriodRow,
  markApproved,
  markReopened,
  markSubmitted,
  runsAwaitingSignOff,
} from './approval-queries';
import { countOpenDisputes } from './disputes-queries';
import { withAdjustments } from './disputes-rows';
import {
  type BonusRow,
  type CurrencyTotal,
  computeRows,
  loadPeriodState,
  type PeriodState,
  plansInForce,
  planVersionsUsed,
  totalsByCurrency,
} from './service';

/**
 * The bonus run's sign-off (docs/bonus.md, Approval): open → submitted (hr) → approved
 * (an executive or admin who did not submit it) → closed (hr). A submitted or approved
 * run goes back to open when its figures change, or when someone sends it back.
 */
export const RUN_ACTIONS = ['submit', 'approve', 'close', 'reopen'] as const;
export type RunAction = (typeof RUN_ACTIONS)[number];

/** Who may take each step (admin may take every one). */
export const RUN_STEP_ROLES: Readonly<Record<RunAction, readonly Role[]>> = {
  submit: ['hr', 'admin'],
  approve: ['executive', 'admin'],
  close: ['hr', 'admin'],
  reopen: ['hr', 'executive', 'admin'],
};

const FROM: Readonly<Record<RunAction, readonly PeriodStatus[]>> = {
  submit: ['open'],
  approve: ['submitted'],
  close: ['approved'],
  reopen: ['submitted', 'approved'],
};
const TO: Readonly<Record<RunAction, PeriodStatus>> = {
  submit: 'submitted',
  approve: 'approved',
  close: 'closed',
  reopen: 'open',
};

/** What a step depends on, gathered by the service (or written out by a test). */
export interface RunFacts {
  period: string;
  status: PeriodStatus;
  role: Role;
  /** the caller's audit label (`user:anna@…`, `token:hr:E002`) */
  actor: string;
  submittedBy: string | null;
  /** the period has ended: its data is complete */
  ended: boolean;
  /** a bonus plan is in force for the period's kind */
  hasPlan: boolean;
  openDisputes: number;
  /** why a run is sent back to open (required for `reopen`) */
  reason?: string | null;
}

const ROLE_TEXT: Readonly<Record<Role, string>> = {
  admin: 'an admin',
  executive: 'an executive',
  hr: 'HR',
  segment_manager: 'a segment manager',
  agent: 'an agent',
};
const WHO: Readonly<Record<RunAction, string>> = {
  submit: 'Only HR or an admin can submit a bonus run',
  approve: 'Only an executive or an admin can approve a bonus run',
  close: 'Only HR or an admin can close a bonus run',
  reopen: 'Only HR, an executive or an admin can send a bonus run back to open',
};
const VERB: Readonly<Record<RunAction, string>> = {
  submit: 'submitted',
  approve: 'approved',
  close: 'closed',
  reopen: 'sent back to open',
};

/** The end's previous day, the last day of the period: "Mar 31, 2026". */
function lastDayText(key: string): string {
  const p = parsePeriod(key);
  const last = new Date(Date.parse(`${p.end}T00:00:00Z`) - 86_400_000);
  return new Intl.DateTimeFormat('en', {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(last);
}

function wrongState(action: RunAction, f: RunFacts): string {
  const run = `The bonus run of ${periodLabel(f.period)}`;
  switch (action) {
    case 'submit':
      return f.status === 'submitted'
        ? `${run} is already submitted; it is waiting for an executive or an admin to approve it.`
        : `${run} is already approved; HR can close it now.`;
    case 'approve':
      return f.status === 'open'
        ? `${run} is still open: HR must submit it before it can be approved.`
        : `${run} is already approved; HR can close it now.`;
    case 'close':
      return f.status === 'open'
        ? `${run} is still open: HR must submit it and an executive or an admin must approve it before it can be closed.`
        : `${run} is submitted but not approved yet: an executive or an admin must approve it before it can be closed.`;
    case 'reopen':
      return `${run} is already open.`;
  }
}

const refuse = (code: ErrorCode, message: string) => new DomainError(code, message);

/**
 * The one rule of the run's state machine: returns the state the step leads to, or
 * throws a domain error with a code and a sentence a person reads. Checked in this
 * order: the role, a closed run, the state, then what the step itself needs.
 */
export function runStep(action: RunAction, f: RunFacts): PeriodStatus {
  if (!RUN_STEP_ROLES[action].includes(f.role)) {
    throw refuse(
      'run_role_not_allowed',
      `${WHO[action]}; you are signed in as ${ROLE_TEXT[f.role]}.`,
    );
  }
  if (f.status === 'closed') {
    throw refuse(
      'run_closed',
      `The bonus run of ${periodLabel(f.period)} is closed; a closed run never changes, so it cannot be ${VERB[action]}.`,
    );
  }
  if (!FROM[action].includes(f.status)) throw refuse('run_wrong_state', wrongState(action, f));
  if (action === 'submit') {
    if (!f.ended) {
      throw refuse(
        'period_not_ended',
        `${periodLabel(f.period)} has not ended yet (its last day is ${lastDayText(f.period)}): its data is still coming in, so its run cannot be submitted.`,
      );
    }
    if (!f.hasPlan) {
      throw refuse(
        'run_no_plan',
        `No bonus plan covers ${parsePeriod(f.period).kind} periods, so ${periodLabel(f.period)} has no bonus run to submit.`,
      );
    }
  }
  if (action === 'approve' && f.submittedBy === f.actor) {
    throw refuse(
      'run_own_submission',
      'You submitted this run, so someone else must approve it: an executive or an admin other than you.',
    );
  }
  if ((action === 'approve' || action === 'close') && f.openDisputes > 0) {
    throw refuse(
      'run_open_disputes',
      `${f.openDisputes === 1 ? '1 dispute on this run is' : `${f.openDisputes} disputes on this run are`} still open: HR must resolve ${f.openDisputes === 1 ? 'it' : 'them'} before the run can be ${VERB[action]}.`,
    );
  }
  if (action === 'reopen' && !f.reason?.trim()) {
    throw refuse('reason_required', 'Say why the run goes back to open: everyone will read it.');
  }
  return TO[action];
}

/** What the caller can do next with a run: each step their role allows, possible or why not. */
export interface RunStepOption {
  action: RunAction;
  possible: boolean;
  code: string | null;
  message: string | null;
}

export function runStepOptions(f: Omit<RunFacts, 'reason'>): RunStepOption[] {
  return RUN_ACTIONS.filter((a) => RUN_STEP_ROLES[a].includes(f.role)).map((action) => {
    try {
      runStep(action, { ...f, reason: 'asked' });
      return { action, possible: true, code: null, message: null };
    } catch (err) {
      if (!isDomainError(err)) throw err;
      return { action, possible: false, code: err.code, message: err.message };
    }
  });
}

export { type RunSignOff, signOffOf } from './approval-sign-off';

/**
 * The run's fingerprint: sha-256 over the plan versions and the assumption version in
 * force, then every row (adjustments applied) in order. The same bonusRun computation
 * before and after a write gives the same fingerprint exactly when no figure of the
 * run changed: that is what "affects the run" means (docs/bonus.md).
 */
export class RunHasher {
  private readonly hash = createHash('sha256');
  private readonly slim: BonusRow[] = [];
  constructor(planVersions: Record<string, string>, assumptionVersionId: number | null) {
    this.hash.update(JSON.stringify({ plans: planVersions, assumptions: assumptionVersionId }));
  }
  add(row: BonusRow): void {
    this.hash.update('\n');
    this.hash.update(JSON.stringify(row));
    this.slim.push({ ...row, lines: [] });
  }
  get rows(): number {
    return this.slim.length;
  }
  totals(): CurrencyTotal[] {
    return totalsByCurrency(this.slim);
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}

export async function runFingerprint(
  db: Executor,
  period: Period,
): Promise<{ fingerprint: string; totals: CurrencyTotal[]; rows: number }> {
  const plans = await plansInForce(db, period);
  const assumptions = await assumptionsForPeriod(db, period);
  const hasher = new RunHasher(planVersionsUsed(plans), assumptions.id);
  const rows = computeRows(db, period, { kind: 'all' }, plans);
  for await (const row of withAdjustments(db, period, rows)) hasher.add(row);
  return { fingerprint: hasher.digest(), totals: hasher.totals(), rows: hasher.rows };
}

/** "1,234.50 EUR, 900.00 UAH" (or "nothing" for a run without rows). */
export function totalsText(totals: readonly CurrencyTotal[]): string {
  if (totals.length === 0) return 'nothing';
  return totals.map((t) => `${t.bonus_amount} ${t.currency}`).join(', ');
}

const parseTotals = (value: unknown): CurrencyTotal[] =>
  (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as CurrencyTotal[];

/**
 * After a write to data, plans, assumptions or adjustments, inside its transaction:
 * every submitted or approved run is computed again; one whose fingerprint changed goes
 * back to open with the reason (what changed it and its totals before → after), audited
 * in the same transaction. Runs whose figures did not move keep their sign-off.
 */
export async function reviewRuns(
  db: Executor,
  change: { actor: string; cause: string },
): Promise<string[]> {
  const reopened: string[] = [];
  for (const run of await runsAwaitingSignOff(db)) {
    const period = parsePeriod(run.period);
    const now = await runFingerprint(db, period);
    if (now.fingerprint === run.fingerprint) continue;
    const before = parseTotals(run.run_totals);
    const reason = `${change.cause} changed the figures of ${periodLabel(run.period)} after the run was ${run.status}: bonus totals ${totalsText(before)} → ${totalsText(now.totals)}. HR must submit it again.`;
    await markReopened(db, run.period, reason);
    await writeAudit(db, {
      actor: change.actor,
      action: 'period.reopen',
      entity: `period:${run.period}`,
      before: { status: run.status, totals: before },
      after: { status: 'open', reason, totals: now.totals },
    });
    reopened.push(run.period);
  }
  return reopened;
}

/** Gathers the facts of a step on a locked period row. */
async function factsFor(
  tx: Executor,
  period: Period,
  principal: Principal,
  today: string,
  reason?: string | null,
): Promise<{ state: PeriodState; facts: RunFacts }> {
  const state = await loadPeriodState(tx, period);
  const plans = await plansInForce(tx, period);
  return {
    state,
    facts: {
      period: period.key,
      status: state.status,
      role: principal.role,
      actor: principal.label,
      submittedBy: state.submitted_by,
      ended: period.end <= today,
      hasPlan: plans.size > 0,
      openDisputes: await countOpenDisputes(tx, period.key),
      reason: reason ?? null,
    },
  };
}

/** The period's state with what the caller can do next (GET /api/periods/:period). */
export async function runStepsFor(
  db: Executor,
  period: Period,
  principal: Principal,
  today: string,
): Promise<RunStepOption[]> {
  const { facts } = await factsFor(db, period, principal, today);
  return runStepOptions(facts);
}

/** The refusal after a run was found changed at approval or close (it is open again). */
export const runChanged = (key: string, reason: string) =>
  new DomainError(
    'run_changed',
    `The figures of ${periodLabel(key)} changed since the run was submitted, so it went back to open. ${reason}`,
  );

/** One step on the run, in one transaction with its audit entry. */
async function step(
  db: Db,
  action: 'submit' | 'approve' | 'reopen',
  period: Period,
  principal: Principal,
  today: string,
  reason?: string | null,
) {
  // the role first, so a caller without it learns nothing else about the run
  if (!RUN_STEP_ROLES[action].includes(principal.role)) {
    runStep(action, {
      period: period.key,
      status: 'open',
      role: principal.role,
      actor: principal.label,
      submittedBy: null,
      ended: true,
      hasPlan: true,
      openDisputes: 0,
    });
  }
  const outcome = await retrying(db).transaction(async (tx) => {
    await lockPeriodRow(tx, period.key);
    const { state, facts } = await factsFor(tx, period, principal, today, reason);
    const next = runStep(action, facts);
    const entity = `period:${period.key}`;
    if (action === 'reopen') {
      const text = `Sent back to open by ${principal.label}: ${reason!.trim()}`;
      await markReopened(tx, period.key, text);
      await writeAudit(tx, {
        actor: principal.label,
        action: 'period.reopen',
        entity,
        before: { status: state.status },
        after: { status: next, reason: text },
      });
      return { changed: null };
    }
    const run = await runFingerprint(tx, period);
    if (action === 'submit') {
      await markSubmitted(tx, period.key, principal.label, run.fingerprint, run.totals);
      await writeAudit(tx, {
        actor: principal.label,
        action: 'period.submit',
        entity,
        before: { status: state.status },
        after: { status: next, rows: run.rows, totals: run.totals, fingerprint: run.fingerprint },
      });
      return { changed: null };
    }
    // approve: what is approved must be what was submitted
    if (run.fingerprint !== state.fingerprint) {
      const [reopened] = await reviewRunsOf(tx, period, principal.label);
      return { changed: reopened ?? 'The figures changed.' };
    }
    await markApproved(tx, period.key, principal.label);
    await writeAudit(tx, {
      actor: principal.label,
      action: 'period.approve',
      entity,
      before: { status: state.status, submitted_by: state.submitted_by },
      after: { status: next, totals: run.totals, fingerprint: run.fingerprint },
    });
    return { changed: null };
  }, REPEATABLE_READ);
  if (outcome.changed !== null) throw runChanged(period.key, outcome.changed);
  return loadPeriodState(db, period);
}

/** reviewRuns for one period found changed at a step; returns the reason given. */
async function reviewRunsOf(tx: Executor, period: Period, actor: string): Promise<string[]> {
  await reviewRuns(tx, {
    actor,
    cause: 'A change to the data, plans, assumptions or adjustments',
  });
  const state = await loadPeriodState(tx, period);
  return state.reopen_reason ? [state.reopen_reason] : [];
}

export const submitRun = (db: Db, period: Period, principal: Principal, today: string) =>
  step(db, 'submit', period, principal, today);

export const approveRun = (db: Db, period: Period, principal: Principal, today: string) =>
  step(db, 'approve', period, principal, today);

export const reopenRun = (
  db: Db,
  period: Period,
  principal: Principal,
  today: string,
  reason: string | null,
) => step(db, 'reopen', period, principal, today, reason);
