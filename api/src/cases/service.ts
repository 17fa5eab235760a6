import { randomUUID } from 'node:crypto';
import { type Db, type Executor, queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import { writeAudit } from '../audit/log';
import {
  CASE_READERS,
  CASE_WRITERS,
  canActOnComplaint,
  mayAssignTo,
  requireRole,
  visibleCases,
} from '../auth/access';
import type { Principal } from '../auth/principal';
import { conflict, forbidden, notFound, unprocessable } from '../lib/errors';
import { parsePeriod, periodOf, ttmWindow } from '../lib/period';
import { formatScope, type ResolvedScope } from '../lib/scope';
import {
  type CaseFilters,
  type CaseRow,
  type CaseSort,
  caseHistory,
  casePage,
  caseScope,
  parseCaseId,
} from './queries';
import { dataWrite, writeImportRow } from './write';

export interface CaseContext {
  principal: Principal;
  currency: string;
  /** now, ISO (what is overdue; when a logged touch happened unless given) */
  now: string;
}

const windowOf = (now: string) => ttmWindow(parsePeriod(periodOf('month', now.slice(0, 10))));

const seesEveryCase = (p: Principal) => p.role === 'admin' || p.role === 'executive';

export interface CaseList {
  scope: string;
  currency: string;
  page: number;
  page_size: number;
  total: number;
  rows: Omit<CaseRow, 'customer_id'>[];
}

/** `GET /api/cases`: one page of the scope's cases the caller may see. */
export async function listCases(
  db: Executor,
  ctx: CaseContext,
  scope: ResolvedScope | null,
  filters: CaseFilters,
  paging: { page: number; pageSize: number; sort: CaseSort },
): Promise<CaseList> {
  requireRole(ctx.principal, ...CASE_READERS);
  const win = windowOf(ctx.now);
  const { rows, total } = await casePage(db, {
    visible: visibleCases(ctx.principal),
    scope: scope ? caseScope(scope) : sql`true`,
    filters,
    now: ctx.now,
    ttmFrom: win.from,
    ttmTo: win.to,
    currency: ctx.currency,
    sort: paging.sort,
    limit: paging.pageSize,
    offset: (paging.page - 1) * paging.pageSize,
  });
  return {
    scope: scope ? formatScope(scope) : 'visible',
    currency: ctx.currency,
    page: paging.page,
    page_size: paging.pageSize,
    total,
    rows: rows.map(({ customer_id: _c, ...r }) => r),
  };
}

/**
 * The case the caller may see, or a 403 (a 404 only for those who see every case, so
 * an agent cannot probe which ids exist).
 */
export async function visibleCase(
  db: Executor,
  ctx: CaseContext,
  id: string,
): Promise<CaseRow & { customer_id: number }> {
  const denied = () =>
    forbidden(`Your role (${ctx.principal.role}) does not give access to case ${id}`);
  const parsed = parseCaseId(id);
  if (!parsed) {
    if (seesEveryCase(ctx.principal))
      throw notFound(`No case ${id} (case ids look like r-12 or c-7)`);
    throw denied();
  }
  const win = windowOf(ctx.now);
  const query = (visible: ReturnType<typeof visibleCases>) =>
    casePage(db, {
      visible,
      scope: sql`true`,
      filters: { id },
      now: ctx.now,
      ttmFrom: win.from,
      ttmTo: win.to,
      currency: ctx.currency,
      sort: 'due',
      limit: 1,
      offset: 0,
    });
  const { rows } = await query(visibleCases(ctx.principal));
  if (rows[0]) return rows[0];
  if (seesEveryCase(ctx.principal)) throw notFound(`No case ${id}`);
  throw denied();
}

const parseJson = (v: unknown): Record<string, unknown> =>
  typeof v === 'string'
    ? (JSON.parse(v) as Record<string, unknown>)
    : (v as Record<string, unknown>);

/** `GET /api/cases/{id}`: the case and its history, oldest first. */
export async function getCase(db: Executor, ctx: CaseContext, id: string) {
  requireRole(ctx.principal, ...CASE_READERS);
  const row = await visibleCase(db, ctx, id);
  const { subject, subjectId } = parseCaseId(id)!;
  const history = await caseHistory(db, subject, subjectId);
  const { customer_id: _c, ...rest } = row;
  return {
    ...rest,
    currency: ctx.currency,
    history: history.map((h) => ({ ...h, detail: parseJson(h.detail) })),
  };
}

/** The employee a logged touch is by: the caller's own; an admin without one names it. */
async function actingEmployee(
  db: Executor,
  principal: Principal,
  named: string | undefined,
): Promise<string> {
  if (named !== undefined && named !== principal.employeeExternalId) {
    if (principal.role !== 'admin') {
      throw forbidden('You log what you did yourself: employee must be you (or leave it out)');
    }
    const [row] = await queryRows<{ id: number }>(
      db,
      sql`select id from employees where external_id = ${named}`,
    );
    if (!row)
      throw unprocessable(`No employee ${named}`, [
        { path: 'employee', message: 'unknown employee' },
      ]);
    return named;
  }
  if (principal.employeeExternalId) return principal.employeeExternalId;
  throw unprocessable('Say which employee did this: this account is not an employee', [
    { path: 'employee', message: 'required for an account without an employee' },
  ]);
}

const notInFuture = (at: string, now: string, field: string) => {
  if (new Date(at).getTime() > new Date(now).getTime() + 5 * 60_000) {
    throw unprocessable(`${field} is in the future`, [
      { path: field, message: 'must not be in the future' },
    ]);
  }
};

export interface ContactInput {
  channel: string;
  outcome: string;
  note?: string | undefined;
  contacted_at?: string | undefined;
  employee?: string | undefined;
}

/**
 * `POST /api/cases/{id}/contacts`: one touch, written as a contacts.csv row would be
 * (same checks, same upsert), audited in the same transaction. The case moves to
 * `contacted` (it is derived from the contacts), and a reached or resolved touch on a
 * resolved complaint counts as its follow-up at once.
 */
export async function logContact(db: Db, ctx: CaseContext, id: string, input: ContactInput) {
  requireRole(ctx.principal, ...CASE_WRITERS);
  const row = await visibleCase(db, ctx, id);
  const employee = await actingEmployee(db, ctx.principal, input.employee);
  const at = input.contacted_at ?? ctx.now;
  notInFuture(at, ctx.now, 'contacted_at');
  const externalId = `app-contact-${randomUUID()}`;
  const record = {
    external_id: externalId,
    response: row.subject === 'response' ? row.source : null,
    complaint: row.subject === 'complaint' ? row.source : null,
    employee,
    contacted_at: at,
    channel: input.channel,
    outcome: input.outcome,
    note: input.note?.trim() ? input.note : null,
  };
  await dataWrite(db, async (tx) => {
    await writeImportRow(tx, 'contacts.csv', record, ctx.currency);
    await writeAudit(tx, {
      actor: ctx.principal.label,
      action: 'case.contact',
      entity: `case:${id}`,
      after: record,
    });
  });
  return { case: id, contact: record };
}

export interface RecoveryInput {
  complaint: string;
  kind: string;
  cost: string;
  currency: string;
  performed_at?: string | undefined;
  employee?: string | undefined;
}

/**
 * `POST /api/recovery-actions`: one recovery action, written as a recovery_actions.csv
 * row (same checks, FX rate of its month included), audited. Its cost is in
 * `recovery_cost` of its period at once.
 */
export async function logRecoveryAction(db: Db, ctx: CaseContext, input: RecoveryInput) {
  requireRole(ctx.principal, ...CASE_WRITERS);
  const [complaint] = await queryRows<{ id: number }>(
    db,
    sql`select id from complaints where external_id = ${input.complaint}`,
  );
  const denied = () =>
    forbidden(
      `Your role (${ctx.principal.role}) does not allow actions on complaint ${input.complaint}`,
    );
  if (!complaint) {
    if (ctx.principal.role === 'admin') throw notFound(`No complaint ${input.complaint}`);
    throw denied();
  }
  if (!(await canActOnComplaint(db, ctx.principal, complaint.id))) throw denied();
  const employee = await actingEmployee(db, ctx.principal, input.employee);
  const at = input.performed_at ?? ctx.now;
  notInFuture(at, ctx.now, 'performed_at');
  const record = {
    external_id: `app-action-${randomUUID()}`,
    complaint: input.complaint,
    kind: input.kind,
    cost: input.cost,
    currency: input.currency,
    performed_at: at,
    employee,
  };
  await dataWrite(db, async (tx) => {
    await writeImportRow(tx, 'recovery_actions.csv', record, ctx.currency);
    await writeAudit(tx, {
      actor: ctx.principal.label,
      action: 'recovery_action.create',
      entity: `complaint:${input.complaint}`,
      after: record,
    });
  });
  return { recovery_action: record, case: `c-${complaint.id}` };
}

/** `POST /api/cases/{id}/close`: closes with a reason; a closed case is a 409. */
export async function closeCase(
  db: Db,
  ctx: CaseContext,
  id: string,
  input: { reason: string; note?: string | undefined },
) {
  requireRole(ctx.principal, ...CASE_WRITERS);
  await visibleCase(db, ctx, id);
  const { subject, subjectId } = parseCaseId(id)!;
  const note = input.note?.trim() ? input.note : null;
  return dataWrite(db, async (tx) => {
    // re-read under the lock: two closings at once give one 200 and one 409
    const [state] = await queryRows<{ closed_at: string | null }>(
      tx,
      sql`select closed_at::text from case_states where subject = ${subject}::case_subject and subject_id = ${subjectId}`,
    );
    if (state?.closed_at) throw conflict(`Case ${id} is already closed`);
    await tx.execute(sql`
      insert into case_states (subject, subject_id, closed_at, close_reason, closed_by, close_note)
      values (${subject}::case_subject, ${subjectId}, ${ctx.now}::timestamptz,
        ${input.reason}::case_close_reason, ${ctx.principal.employeeId}, ${note})
      on conflict (subject, subject_id) do update set closed_at = excluded.closed_at,
        close_reason = excluded.close_reason, closed_by = excluded.closed_by, close_note = excluded.close_note`);
    await tx.execute(sql`
      insert into case_events (subject, subject_id, at, actor, event, reason, note)
      values (${subject}::case_subject, ${subjectId}, ${ctx.now}::timestamptz, ${ctx.principal.label},
        'closed', ${input.reason}::case_close_reason, ${note})`);
    const after = { state: 'closed', reason: input.reason, note, closed_at: ctx.now };
    await writeAudit(tx, {
      actor: ctx.principal.label,
      action: 'case.close',
      entity: `case:${id}`,
      before: { state: 'not closed' },
      after,
    });
    return { case: id, ...after };
  });
}

/** `POST /api/cases/{id}/reopen`: a closed case becomes open or contacted again. */
export async function reopenCase(db: Db, ctx: CaseContext, id: string) {
  requireRole(ctx.principal, ...CASE_WRITERS);
  await visibleCase(db, ctx, id);
  const { subject, subjectId } = parseCaseId(id)!;
  return dataWrite(db, async (tx) => {
    const [state] = await queryRows<{ closed_at: string | null; close_reason: string | null }>(
      tx,
      sql`select closed_at::text, close_reason::text from case_states where subject = ${subject}::case_subject and subject_id = ${subjectId}`,
    );
    if (!state?.closed_at) throw conflict(`Case ${id} is not closed`);
    await tx.execute(sql`update case_states set closed_at = null, close_reason = null, closed_by = null, close_note = null
      where subject = ${subject}::case_subject and subject_id = ${subjectId}`);
    await tx.execute(sql`insert into case_events (subject, subject_id, at, actor, event)
      values (${subject}::case_subject, ${subjectId}, ${ctx.now}::timestamptz, ${ctx.principal.label}, 'reopened')`);
    await writeAudit(tx, {
      actor: ctx.principal.label,
      action: 'case.reopen',
      entity: `case:${id}`,
      before: { state: 'closed', reason: state.close_reason },
      after: { state: 'reopened' },
    });
    return { case: id, reopened: true };
  });
}

/**
 * `POST /api/cases/reassign`: gives cases to another owner (managers and admin). Every
 * case must be one the caller may act on, and the new owner one they may assign to
 * (a manager: themself or their team); otherwise nothing changes.
 */
export async function reassignCases(
  db: Db,
  ctx: CaseContext,
  input: { ids: string[]; owner: string },
) {
  requireRole(ctx.principal, 'admin', 'segment_manager');
  const [owner] = await queryRows<{ id: number; external_id: string }>(
    db,
    sql`select id, external_id from employees where external_id = ${input.owner}`,
  );
  if (!owner)
    throw unprocessable(`No employee ${input.owner}`, [
      { path: 'owner', message: 'unknown employee' },
    ]);
  if (!(await mayAssignTo(db, ctx.principal, owner.id))) {
    throw forbidden(
      `You may give cases only to yourself or your team; ${input.owner} is not in it`,
    );
  }
  const ids = [...new Set(input.ids)];
  const rows: CaseRow[] = [];
  for (const id of ids) rows.push(await visibleCase(db, ctx, id));
  return dataWrite(db, async (tx) => {
    let changed = 0;
    for (const row of rows) {
      const { subject, subjectId } = parseCaseId(row.id)!;
      if (row.owner === owner.external_id) continue;
      changed++;
      await tx.execute(sql`
        insert into case_states (subject, subject_id, owner_id)
        values (${subject}::case_subject, ${subjectId}, ${owner.id})
        on conflict (subject, subject_id) do update set owner_id = excluded.owner_id`);
      await tx.execute(sql`insert into case_events (subject, subject_id, at, actor, event, owner_id)
        values (${subject}::case_subject, ${subjectId}, ${ctx.now}::timestamptz, ${ctx.principal.label}, 'reassigned', ${owner.id})`);
      await writeAudit(tx, {
        actor: ctx.principal.label,
        action: 'case.reassign',
        entity: `case:${row.id}`,
        before: { owner: row.owner },
        after: { owner: owner.external_id },
      });
    }
    return { owner: owner.external_id, cases: ids.length, changed };
  });
}
