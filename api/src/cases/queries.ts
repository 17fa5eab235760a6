import { type Executor, queryRows } from '@delight/db';
import { type SQL, sql } from 'drizzle-orm';
import { customerScope, type ResolvedScope } from '../lib/scope';
import { casesSql } from './sql';

export const CASE_STATES = ['open', 'contacted', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];
/** `active`: open or contacted (everything not closed). */
export const CASE_STATUS_FILTERS = [...CASE_STATES, 'active'] as const;
export type CaseStatusFilter = (typeof CASE_STATUS_FILTERS)[number];
export const CASE_SORTS = ['due', 'revenue', 'opened'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export interface CaseFilters {
  status?: CaseStatusFilter | undefined;
  overdue?: boolean | undefined;
  /** segment external id */
  segment?: string | undefined;
  /** owner employee external id */
  owner?: string | undefined;
  kind?: 'response' | 'complaint' | undefined;
  /** answers with score ≤ this only (complaint cases drop out) */
  scoreMax?: number | undefined;
  /** customers whose revenue at risk (ttm) is at least this, reporting currency */
  minRevenue?: string | undefined;
  /** one customer (database id) */
  customerId?: number | undefined;
  /** one case */
  id?: string | undefined;
}

/** One case as the API answers it. */
export interface CaseRow {
  id: string;
  subject: 'response' | 'complaint';
  source: string;
  customer: string;
  customer_name: string;
  segment: string;
  segment_name: string;
  owner: string | null;
  owner_name: string | null;
  handler: string | null;
  state: CaseState;
  opened_at: string;
  due_at: string;
  overdue: boolean;
  score: number | null;
  severity: string | null;
  resolved_at: string | null;
  comment: string | null;
  contacts: number;
  first_contact_at: string | null;
  last_contact_at: string | null;
  revenue_at_risk: string;
  closed_at: string | null;
  close_reason: string | null;
  close_note: string | null;
}

/** Cases of a scope as a condition: employee scope = the cases they own. */
export const caseScope = (scope: ResolvedScope): SQL => customerScope(scope, sql`x.owner_id`);

const ts = (s: string) => sql`${s}::timestamptz`;

function filterSql(f: CaseFilters, now: string): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.status === 'active') parts.push(sql`l.state <> 'closed'`);
  else if (f.status) parts.push(sql`l.state = ${f.status}`);
  if (f.overdue === true) parts.push(sql`l.state = 'open' and l.due_at < ${ts(now)}`);
  if (f.overdue === false) parts.push(sql`not (l.state = 'open' and l.due_at < ${ts(now)})`);
  if (f.segment) parts.push(sql`l.segment = ${f.segment}`);
  if (f.owner) parts.push(sql`l.owner = ${f.owner}`);
  if (f.kind) parts.push(sql`l.subject = ${f.kind}`);
  if (f.scoreMax !== undefined) parts.push(sql`l.score <= ${f.scoreMax}`);
  if (f.minRevenue !== undefined) parts.push(sql`l.revenue_at_risk >= ${f.minRevenue}::numeric`);
  if (f.customerId !== undefined) parts.push(sql`l.customer_id = ${f.customerId}`);
  if (f.id !== undefined) parts.push(sql`l.id = ${f.id}`);
  return sql.join(parts, sql` and `);
}

const SORT: Record<CaseSort, SQL> = {
  due: sql`l.due_at desc`,
  revenue: sql`l.revenue_at_risk desc`,
  opened: sql`l.opened_at desc`,
};

export interface CaseQuery {
  visible: SQL;
  scope: SQL;
  filters: CaseFilters;
  /** now, ISO: what is overdue */
  now: string;
  /** the ttm window of revenue at risk: [from, to) months as dates */
  ttmFrom: string;
  ttmTo: string;
  currency: string;
  sort: CaseSort;
  limit: number;
  offset: number;
}

/**
 * One page of cases, filtered and sorted in SQL, with the total. Revenue at risk of a
 * case is its customer's ttm (12 months ending with the current month, reporting
 * currency): what the company stands to lose if the case goes wrong.
 */
export async function casePage(
  db: Executor,
  q: CaseQuery,
): Promise<{ rows: (CaseRow & { customer_id: number })[]; total: number }> {
  const rows = await queryRows<
    CaseRow & Record<string, unknown> & { customer_id: number; total: number }
  >(
    db,
    sql`
    with x as (${casesSql()}),
    ct as (
      select t.subject, t.subject_id, count(*)::int as n, min(t.contacted_at) as first_at,
        max(t.contacted_at) as last_at
      from (
        select 'response'::case_subject as subject, response_id as subject_id, contacted_at
        from contacts where response_id is not null
        union all
        select 'complaint'::case_subject, complaint_id, contacted_at
        from contacts where complaint_id is not null
      ) t group by t.subject, t.subject_id
    ),
    ttm as (
      select r.customer_id,
        sum(case when r.currency = ${q.currency}::text then r.amount else r.amount * fx.rate end) as ttm
      from revenue r
      left join fx_rates fx on fx.month = r.month and fx.currency = r.currency
      where r.month >= ${q.ttmFrom}::date and r.month < ${q.ttmTo}::date
      group by r.customer_id
    ),
    l as (
      select x.id, x.subject::text as subject, x.source, x.customer_id,
        c.external_id as customer, c.name as customer_name,
        s.external_id as segment, s.name as segment_name,
        o.external_id as owner, o.name as owner_name, h.external_id as handler,
        case when x.closed_at is not null then 'closed'
             when ct.n > 0 then 'contacted' else 'open' end as state,
        x.opened_at, x.due_at, x.score, x.severity, x.resolved_at, x.comment,
        coalesce(ct.n, 0) as contacts, ct.first_at as first_contact_at,
        ct.last_at as last_contact_at, coalesce(t.ttm, 0) as revenue_at_risk,
        x.closed_at, x.close_reason::text as close_reason, x.close_note
      from x
      join customers c on c.id = x.customer_id
      join segments s on s.id = c.segment_id
      left join employees o on o.id = x.owner_id
      left join employees h on h.id = x.handler_id
      left join ct on ct.subject = x.subject and ct.subject_id = x.subject_id
      left join ttm t on t.customer_id = x.customer_id
      where ${q.visible} and ${q.scope}
    )
    select l.id, l.subject, l.source, l.customer_id, l.customer, l.customer_name, l.segment,
      l.segment_name, l.owner, l.owner_name, l.handler, l.state,
      to_char(l.opened_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as opened_at,
      to_char(l.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as due_at,
      (l.state = 'open' and l.due_at < ${ts(q.now)}) as overdue,
      l.score, l.severity,
      to_char(l.resolved_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as resolved_at,
      l.comment, l.contacts,
      to_char(l.first_contact_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as first_contact_at,
      to_char(l.last_contact_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as last_contact_at,
      l.revenue_at_risk::text as revenue_at_risk,
      to_char(l.closed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as closed_at,
      l.close_reason, l.close_note,
      count(*) over ()::int as total
    from l
    where ${filterSql(q.filters, q.now)}
    order by (l.state = 'open' and l.due_at < ${ts(q.now)}) desc, ${SORT[q.sort]}, l.id
    limit ${q.limit} offset ${q.offset}`,
  );
  const total = rows[0]?.total ?? 0;
  return {
    rows: rows.map((r): CaseRow & { customer_id: number } => ({
      id: r.id,
      subject: r.subject,
      source: r.source,
      customer_id: Number(r.customer_id),
      customer: r.customer,
      customer_name: r.customer_name,
      segment: r.segment,
      segment_name: r.segment_name,
      owner: r.owner,
      owner_name: r.owner_name,
      handler: r.handler,
      state: r.state,
      opened_at: r.opened_at,
      due_at: r.due_at,
      overdue: r.overdue,
      score: r.score === null ? null : Number(r.score),
      severity: r.severity,
      resolved_at: r.resolved_at,
      comment: r.comment,
      contacts: Number(r.contacts),
      first_contact_at: r.first_contact_at,
      last_contact_at: r.last_contact_at,
      revenue_at_risk: r.revenue_at_risk,
      closed_at: r.closed_at,
      close_reason: r.close_reason,
      close_note: r.close_note,
    })),
    total: Number(total),
  };
}

/** A case's subject from its id: `r-12` → response 12, `c-7` → complaint 7. */
export function parseCaseId(
  id: string,
): { subject: 'response' | 'complaint'; subjectId: number } | null {
  const m = /^([rc])-(\d{1,10})$/.exec(id);
  if (!m) return null;
  const n = Number(m[2]);
  if (!Number.isSafeInteger(n) || n > 2_147_483_647) return null;
  return { subject: m[1] === 'r' ? 'response' : 'complaint', subjectId: n };
}

export interface HistoryEntry {
  at: string;
  /** opened, first_response, resolved, follow_up, contact, recovery_action, reassigned, closed, reopened */
  event: string;
  who: string | null;
  detail: Record<string, unknown>;
}

const iso = (col: string) =>
  sql.raw(`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

/** What happened on a case, oldest first: the source row's own times, contacts, actions, decisions. */
export async function caseHistory(
  db: Executor,
  subject: 'response' | 'complaint',
  subjectId: number,
): Promise<HistoryEntry[]> {
  const source =
    subject === 'response'
      ? sql`select ${iso('r.responded_at')} as at, 'opened' as event, e.external_id as who,
            jsonb_build_object('score', r.score, 'comment', r.comment, 'response', r.external_id) as detail,
            r.responded_at as t, 0 as o
          from responses r left join employees e on e.id = r.employee_id where r.id = ${subjectId}`
      : sql`select ${iso('k.opened_at')} as at, 'opened' as event, e.external_id as who,
            jsonb_build_object('severity', k.severity, 'complaint', k.external_id, 'validity', k.validity) as detail,
            k.opened_at as t, 0 as o
          from complaints k join employees e on e.id = k.employee_id where k.id = ${subjectId}
          union all
          select ${iso('k.first_response_at')}, 'first_response', e.external_id, '{}'::jsonb, k.first_response_at, 1
          from complaints k join employees e on e.id = k.employee_id where k.id = ${subjectId} and k.first_response_at is not null
          union all
          select ${iso('k.resolved_at')}, 'resolved', e.external_id, '{}'::jsonb, k.resolved_at, 2
          from complaints k join employees e on e.id = k.employee_id where k.id = ${subjectId} and k.resolved_at is not null
          union all
          select ${iso('k.follow_up_at')}, 'follow_up', e.external_id, '{}'::jsonb, k.follow_up_at, 3
          from complaints k join employees e on e.id = k.employee_id where k.id = ${subjectId} and k.follow_up_at is not null
          union all
          select ${iso('a.performed_at')}, 'recovery_action', e.external_id,
            jsonb_build_object('kind', a.kind, 'cost', a.cost::text, 'currency', a.currency, 'external_id', a.external_id),
            a.performed_at, 4
          from recovery_actions a join employees e on e.id = a.employee_id where a.complaint_id = ${subjectId}`;
  const on = subject === 'response' ? sql`ct.response_id` : sql`ct.complaint_id`;
  return queryRows<HistoryEntry & Record<string, unknown>>(
    db,
    sql`select at, event, who, detail from (
      ${source}
      union all
      select ${iso('ct.contacted_at')}, 'contact', e.external_id,
        jsonb_build_object('channel', ct.channel, 'outcome', ct.outcome, 'note', ct.note, 'external_id', ct.external_id),
        ct.contacted_at, 5
      from contacts ct join employees e on e.id = ct.employee_id where ${on} = ${subjectId}
      union all
      select ${iso('ev.at')}, ev.event::text, ev.actor,
        jsonb_strip_nulls(jsonb_build_object('owner', o.external_id, 'reason', ev.reason, 'note', ev.note)),
        ev.at, 6
      from case_events ev left join employees o on o.id = ev.owner_id
      where ev.subject = ${subject}::case_subject and ev.subject_id = ${subjectId}
    ) h order by h.t, h.o`,
  );
}
