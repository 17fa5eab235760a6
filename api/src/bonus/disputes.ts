import {
  type Db,
  type DisputeStatus,
  type PeriodStatus,
  REPEATABLE_READ,
  type Role,
  retrying,
} from '@delight/db';
import { writeAudit } from '../audit/log';
import type { Principal } from '../auth/principal';
import { minorUnits } from '../lib/decimal';
import { DomainError, type ErrorCode, notFound } from '../lib/errors';
import { type Period, parsePeriod } from '../lib/period';
import { reviewRuns } from './approval';
import { lockPeriodRow } from './approval-queries';
import {
  type DisputeRow,
  disputeForUpdate,
  disputesOf,
  hasOpenDispute,
  insertAdjustment,
  insertDispute,
  resolveDisputeRow,
} from './disputes-queries';
import { bonusRows, loadPeriodState } from './service';

/**
 * Disputes (docs/bonus.md, Disputes and adjustments): an employee disputes one line of
 * their statement with a comment; HR accepts it with a manual adjustment (a signed amount
 * with a reason, its own line of the statement and the CSV) or rejects it with a reply.
 */
export const DISPUTE_ACTIONS = ['raise', 'accept', 'reject'] as const;
export type DisputeAction = (typeof DISPUTE_ACTIONS)[number];
/** `none`: the line has no dispute yet (only `raise` starts one) */
export type DisputeState = DisputeStatus | 'none';

export const DISPUTE_RESOLVER_ROLES: readonly Role[] = ['hr', 'admin'];
/** Statement lines that can be disputed besides the KPI lines. */
export const PRORATION_LINE = 'proration';

export interface DisputeFacts {
  state: DisputeState;
  role: Role;
  actor: string;
  /** the caller is the employee whose statement it is */
  ownStatement: boolean;
  /** who raised the dispute (for accept/reject) */
  raisedBy: string | null;
  runStatus: PeriodStatus;
  /** raise: the line is one of the statement's (a KPI line or the proration) */
  lineExists: boolean;
  /** raise: the same line already has an open dispute */
  duplicate: boolean;
  comment?: string | null;
  /** accept: the adjustment, as sent */
  amount?: string | null;
  currency?: string;
  reason?: string | null;
  /** reject: the reply to the employee */
  reply?: string | null;
}

const refuse = (code: ErrorCode, message: string) => new DomainError(code, message);

/** A signed decimal with at most the currency's minor-unit decimals, not zero. */
export function adjustmentProblem(
  amount: string | null | undefined,
  currency: string,
): string | null {
  const text = (amount ?? '').trim();
  const places = minorUnits(currency);
  const match = /^([+-]?)(\d{1,12})(?:\.(\d+))?$/.exec(text);
  if (!match) {
    return `Write the adjustment as a signed amount in ${currency}, for example 50.00 or -12.50.`;
  }
  if ((match[3]?.length ?? 0) > places) {
    return `An amount in ${currency} has at most ${places} decimal${places === 1 ? '' : 's'}; ${text} has more.`;
  }
  if (/^0*$/.test(match[2]!) && /^0*$/.test(match[3] ?? '')) {
    return 'An adjustment of zero changes nothing: reject the dispute with a reply instead.';
  }
  return null;
}

/**
 * The one rule of the dispute state machine: returns the state the step leads to, or
 * throws a domain error with a code and a sentence a person reads.
 */
export function disputeStep(action: DisputeAction, f: DisputeFacts): DisputeStatus {
  if (action === 'raise') {
    if (!f.ownStatement) {
      throw refuse(
        'dispute_not_own',
        'Only the employee whose statement it is can dispute one of its lines.',
      );
    }
    if (f.state !== 'none') {
      throw refuse(
        'dispute_exists',
        'This dispute was already raised; raise a new one for another line.',
      );
    }
    if (f.runStatus === 'closed') {
      throw refuse(
        'run_closed',
        'This bonus run is closed, so its lines can no longer be disputed; ask HR directly.',
      );
    }
    if (!f.lineExists) {
      throw refuse(
        'dispute_unknown_line',
        'Choose one of the lines of your statement (a KPI line or the proration) to dispute.',
      );
    }
    if (f.duplicate) {
      throw refuse(
        'dispute_duplicate',
        'You already have an open dispute on this line; HR will answer it before you raise another.',
      );
    }
    if (!f.comment?.trim()) {
      throw refuse('comment_required', 'Say what you think is wrong with this line.');
    }
    return 'open';
  }
  if (!DISPUTE_RESOLVER_ROLES.includes(f.role)) {
    throw refuse(
      'dispute_role_not_allowed',
      `Only HR or an admin can ${action} a dispute; you are signed in as ${f.role.replace('_', ' ')}.`,
    );
  }
  if (f.state === 'none') {
    throw refuse(
      'dispute_not_raised',
      'There is no dispute to resolve: the employee has not raised one.',
    );
  }
  if (f.state !== 'open') {
    throw refuse(
      'dispute_resolved',
      `This dispute was already ${f.state}; a resolved dispute is not resolved again.`,
    );
  }
  if (f.raisedBy === f.actor) {
    throw refuse(
      'dispute_own',
      'You raised this dispute yourself, so someone else in HR must resolve it.',
    );
  }
  if (f.runStatus === 'closed') {
    throw refuse('run_closed', 'This bonus run is closed; its disputes can no longer change it.');
  }
  if (action === 'accept') {
    const problem = adjustmentProblem(f.amount, f.currency ?? 'EUR');
    if (problem) throw refuse('adjustment_invalid', problem);
    if (!f.reason?.trim()) {
      throw refuse(
        'reason_required',
        'Give the reason for the adjustment: the employee reads it on their statement.',
      );
    }
    return 'accepted';
  }
  if (!f.reply?.trim()) {
    throw refuse('reply_required', 'Write a reply: the employee reads it on their statement.');
  }
  return 'rejected';
}

/** A dispute as the API serves it. */
export interface PublicDispute {
  id: number;
  period: string;
  employee: string;
  name: string | null;
  line: string;
  comment: string;
  status: DisputeStatus;
  raised_by: string;
  raised_at: string;
  resolved_by: string | null;
  resolved_at: string | null;
  reply: string | null;
  adjustment: { amount: string; reason: string } | null;
}

export const publicDispute = (d: DisputeRow): PublicDispute => ({
  id: d.id,
  period: d.period,
  employee: d.employee,
  name: d.name,
  line: d.line,
  comment: d.comment,
  status: d.status,
  raised_by: d.raised_by,
  raised_at: d.raised_at,
  resolved_by: d.resolved_by,
  resolved_at: d.resolved_at,
  reply: d.reply,
  adjustment:
    d.adjustment_amount === null
      ? null
      : { amount: d.adjustment_amount, reason: d.adjustment_reason ?? '' },
});

/** The caller's own bonus row of the period (the statement they dispute), or null. */
async function ownRow(db: Db, period: Period, principal: Principal) {
  if (principal.employeeId === null) return null;
  const { rows } = await bonusRows(db, period, { kind: 'self', employeeId: principal.employeeId });
  for await (const row of rows) return row;
  return null;
}

/** An employee disputes one line of their own statement. */
export async function raiseDispute(
  db: Db,
  period: Period,
  principal: Principal,
  input: { line: string; comment: string },
): Promise<PublicDispute> {
  const id = await retrying(db).transaction(async (tx) => {
    const state = await loadPeriodState(tx, period);
    const row = await ownRow(tx as Db, period, principal);
    const employee = principal.employeeExternalId;
    const line = input.line.trim();
    disputeStep('raise', {
      state: 'none',
      role: principal.role,
      actor: principal.label,
      ownStatement: row !== null && employee !== null,
      raisedBy: null,
      runStatus: state.status,
      lineExists:
        row !== null && (line === PRORATION_LINE || row.lines.some((l) => l.kpi === line)),
      duplicate: employee !== null && (await hasOpenDispute(tx, period.key, employee, line)),
      comment: input.comment,
    });
    const created = await insertDispute(tx, {
      period: period.key,
      employee: employee!,
      line,
      comment: input.comment.trim(),
      raisedBy: principal.label,
    });
    await writeAudit(tx, {
      actor: principal.label,
      action: 'dispute.raise',
      entity: `dispute:${created}`,
      before: null,
      after: { period: period.key, employee, line, comment: input.comment.trim() },
    });
    return created;
  }, REPEATABLE_READ);
  const [dispute] = (await disputesOf(db, period.key, { employee: principal.employeeExternalId! }))
    .filter((d) => d.id === id)
    .map(publicDispute);
  return dispute!;
}

export type Resolution =
  | { action: 'accept'; amount: string; reason: string; reply?: string | null }
  | { action: 'reject'; reply: string };

/**
 * HR resolves a dispute. Accepting stores the adjustment; a run waiting for sign-off
 * whose figures that changes goes back to open (reviewRuns), in the same transaction.
 */
export async function resolveDispute(
  db: Db,
  id: number,
  principal: Principal,
  resolution: Resolution,
): Promise<PublicDispute> {
  // the role first: a caller who may not resolve learns nothing about the dispute
  if (!DISPUTE_RESOLVER_ROLES.includes(principal.role)) {
    disputeStep(resolution.action, {
      state: 'open',
      role: principal.role,
      actor: principal.label,
      ownStatement: false,
      raisedBy: null,
      runStatus: 'open',
      lineExists: true,
      duplicate: false,
    });
  }
  const periodKey = await retrying(db).transaction(async (tx) => {
    const found = await disputeForUpdate(tx, id);
    if (!found) throw notFound(`There is no dispute number ${id}.`);
    const period = parsePeriod(found.period);
    await lockPeriodRow(tx, period.key);
    const state = await loadPeriodState(tx, period);
    const { rows } = await bonusRows(tx, period, { kind: 'all' });
    let currency = 'EUR';
    for await (const row of rows) {
      if (row.employee === found.employee) currency = row.currency;
    }
    const next = disputeStep(resolution.action, {
      state: found.status,
      role: principal.role,
      actor: principal.label,
      ownStatement: false,
      raisedBy: found.raised_by,
      runStatus: state.status,
      lineExists: true,
      duplicate: false,
      currency,
      ...(resolution.action === 'accept'
        ? { amount: resolution.amount, reason: resolution.reason }
        : { reply: resolution.reply }),
    });
    const entity = `dispute:${id}`;
    if (resolution.action === 'reject') {
      await resolveDisputeRow(tx, id, 'rejected', principal.label, resolution.reply.trim());
      await writeAudit(tx, {
        actor: principal.label,
        action: 'dispute.reject',
        entity,
        before: { status: found.status },
        after: { status: next, reply: resolution.reply.trim() },
      });
      return period.key;
    }
    const amount = resolution.amount.trim().replace(/^\+/, '');
    const reply = resolution.reply?.trim() || null;
    await resolveDisputeRow(tx, id, 'accepted', principal.label, reply);
    const adjustment = await insertAdjustment(tx, {
      period: period.key,
      employee: found.employee,
      disputeId: id,
      amount,
      currency,
      reason: resolution.reason.trim(),
      createdBy: principal.label,
    });
    await writeAudit(tx, {
      actor: principal.label,
      action: 'dispute.accept',
      entity,
      before: { status: found.status },
      after: {
        status: next,
        reply,
        adjustment: {
          id: adjustment,
          employee: found.employee,
          amount,
          currency,
          reason: resolution.reason.trim(),
        },
      },
    });
    await reviewRuns(tx, {
      actor: principal.label,
      cause: `An adjustment of ${amount} ${currency} for ${found.employee} (dispute ${id})`,
    });
    return period.key;
  }, REPEATABLE_READ);
  const [dispute] = (await disputesOf(db, periodKey)).filter((d) => d.id === id).map(publicDispute);
  return dispute!;
}

/** The disputes of a run: HR and admin every one, anyone else only their own. */
export async function listDisputes(
  db: Db,
  period: Period,
  principal: Principal,
  status?: DisputeStatus,
): Promise<{ period: string; open: number; disputes: PublicDispute[] }> {
  const everyone = DISPUTE_RESOLVER_ROLES.includes(principal.role);
  if (!everyone && principal.employeeExternalId === null) {
    throw new DomainError(
      'dispute_not_own',
      'This login is not linked to an employee, so it has no statement and no disputes.',
    );
  }
  const all = await disputesOf(db, period.key, {
    ...(everyone ? {} : { employee: principal.employeeExternalId! }),
  });
  return {
    period: period.key,
    open: all.filter((d) => d.status === 'open').length,
    disputes: all.filter((d) => status === undefined || d.status === status).map(publicDispute),
  };
}
