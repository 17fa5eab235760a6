import { type Executor, queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import type { Period } from '../lib/period';
import { baseCtes } from '../money/queries';

const iso = (col: string) =>
  sql.raw(`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

export interface CustomerHead extends Record<string, unknown> {
  id: number;
  external_id: string;
  name: string;
  segment: string;
  segment_name: string;
  account_manager: string | null;
  account_manager_name: string | null;
  acquired_on: string;
  churned_on: string | null;
}

/** The customer by external id, with whether the caller's visibility condition holds. */
export async function customerHead(
  db: Executor,
  externalId: string,
  visible: ReturnType<typeof sql>,
): Promise<(CustomerHead & { visible: boolean }) | null> {
  const [row] = await queryRows<CustomerHead & { visible: boolean }>(
    db,
    sql`select c.id, c.external_id, c.name, s.external_id as segment, s.name as segment_name,
          e.external_id as account_manager, e.name as account_manager_name,
          c.acquired_on::text as acquired_on, c.churned_on::text as churned_on,
          (${visible}) as visible
        from customers c join segments s on s.id = c.segment_id
        left join employees e on e.id = c.account_manager_id
        where c.external_id = ${externalId}`,
  );
  return row ? { ...row, id: Number(row.id) } : null;
}

/** ttm and NPS class at T (the money model's own CTEs), and how many revenue rows lack a rate. */
export async function customerMoney(
  db: Executor,
  customerId: number,
  period: Period,
  currency: string,
): Promise<{
  ttm: string;
  class: string;
  nps_score: number | null;
  active: boolean;
  missing: number;
}> {
  const [row] = await queryRows<{
    ttm: string | null;
    class: string | null;
    nps_score: number | null;
    missing: number | null;
  }>(
    db,
    sql`with ${baseCtes({ scope: { kind: 'company', dbId: null }, period, currency, extra: sql`c.id = ${customerId}` })}
        select a.ttm::text as ttm, a.class, a.nps_score,
          (select t.missing from ttm t where t.customer_id = ${customerId})::int as missing
        from sc left join active a on a.id = sc.id`,
  );
  return {
    ttm: row?.ttm ?? '0',
    class: row?.class ?? 'unknown',
    nps_score:
      row?.nps_score === null || row?.nps_score === undefined ? null : Number(row.nps_score),
    active: row?.ttm !== null && row?.ttm !== undefined,
    missing: Number(row?.missing ?? 0),
  };
}

/** Revenue by month, oldest first, each converted at its month's rate (null without one). */
export function revenueByMonth(db: Executor, customerId: number, currency: string) {
  return queryRows<{ month: string; amount: string; currency: string; reporting: string | null }>(
    db,
    sql`select to_char(r.month, 'YYYY-MM') as month, r.amount::text as amount, r.currency,
          (case when r.currency = ${currency}::text then r.amount else r.amount * fx.rate end)::text as reporting
        from revenue r left join fx_rates fx on fx.month = r.month and fx.currency = r.currency
        where r.customer_id = ${customerId} order by r.month`,
  );
}

export function customerResponses(db: Executor, customerId: number) {
  return queryRows<{
    external_id: string;
    kind: string;
    score: number;
    responded_at: string;
    comment: string | null;
    employee: string | null;
  }>(
    db,
    sql`select r.external_id, r.kind::text as kind, r.score::int as score, ${iso('r.responded_at')} as responded_at,
          r.comment, e.external_id as employee
        from responses r left join employees e on e.id = r.employee_id
        where r.customer_id = ${customerId}
        order by r.responded_at desc, r.external_id collate "C" desc`,
  );
}

export function customerComplaints(db: Executor, customerId: number) {
  return queryRows<{
    id: number;
    external_id: string;
    employee: string;
    opened_at: string;
    first_response_at: string | null;
    resolved_at: string | null;
    follow_up_at: string | null;
    validity: string;
    severity: string;
  }>(
    db,
    sql`select k.id, k.external_id, e.external_id as employee, ${iso('k.opened_at')} as opened_at,
          ${iso('k.first_response_at')} as first_response_at, ${iso('k.resolved_at')} as resolved_at,
          ${iso('k.follow_up_at')} as follow_up_at, k.validity::text as validity, k.severity::text as severity
        from complaints k join employees e on e.id = k.employee_id
        where k.customer_id = ${customerId} order by k.opened_at desc`,
  );
}

export function customerActions(db: Executor, customerId: number, currency: string) {
  return queryRows<{
    external_id: string;
    complaint: string;
    kind: string;
    cost: string;
    currency: string;
    reporting_cost: string | null;
    performed_at: string;
    employee: string;
  }>(
    db,
    sql`select a.external_id, k.external_id as complaint, a.kind::text as kind, a.cost::text as cost,
          a.currency, (case when a.currency = ${currency}::text then a.cost else a.cost * fx.rate end)::text as reporting_cost,
          ${iso('a.performed_at')} as performed_at, e.external_id as employee
        from recovery_actions a join complaints k on k.id = a.complaint_id
        join employees e on e.id = a.employee_id
        left join fx_rates fx on fx.currency = a.currency
          and fx.month = date_trunc('month', a.performed_at at time zone 'UTC')::date
        where k.customer_id = ${customerId} order by a.performed_at desc`,
  );
}

export function customerContacts(db: Executor, customerId: number) {
  return queryRows<{
    external_id: string;
    response: string | null;
    complaint: string | null;
    employee: string;
    contacted_at: string;
    channel: string;
    outcome: string;
    note: string | null;
  }>(
    db,
    sql`select ct.external_id, r.external_id as response, k.external_id as complaint,
          e.external_id as employee, ${iso('ct.contacted_at')} as contacted_at,
          ct.channel::text as channel, ct.outcome::text as outcome, ct.note
        from contacts ct
        left join responses r on r.id = ct.response_id
        left join complaints k on k.id = ct.complaint_id
        join employees e on e.id = ct.employee_id
        where r.customer_id = ${customerId} or k.customer_id = ${customerId}
        order by ct.contacted_at desc`,
  );
}
