import { type Database, queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';

export const DATA_TABLES = [
  'employees',
  'segments',
  'customers',
  'fx_rates',
  'revenue',
  'responses',
  'complaints',
  'recovery_actions',
  'bonus_plans',
  'bonus_plan_versions',
  'bonus_plan_lines',
  'assumption_versions',
] as const;

/** Row count of every data table. */
export async function tableCounts(database: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of DATA_TABLES) {
    const [row] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from ${sql.identifier(t)}`,
    );
    out[t] = row!.n;
  }
  return out;
}

/**
 * The content of the data tables by external keys (not by generated ids), as sorted
 * text, so two databases loaded differently can be compared.
 */
export async function tableContents(database: Database): Promise<Record<string, string[]>> {
  const q = {
    employees: sql`select e.external_id, e.name, e.email, e.role::text, s.external_id as segment, e.bonus_target::text, e.currency, e.hired_on::text, e.left_on::text from employees e left join segments s on s.id = e.segment_id`,
    segments: sql`select s.external_id, s.name, m.external_id as manager from segments s join employees m on m.id = s.manager_id`,
    customers: sql`select c.external_id, c.name, s.external_id as segment, a.external_id as am, c.acquired_on::text, c.churned_on::text from customers c join segments s on s.id = c.segment_id left join employees a on a.id = c.account_manager_id`,
    fx_rates: sql`select month::text, currency, rate::text from fx_rates`,
    revenue: sql`select c.external_id, r.month::text, r.amount::text, r.currency from revenue r join customers c on c.id = r.customer_id`,
    responses: sql`select r.external_id, c.external_id as customer, e.external_id as employee, r.kind::text, r.score, to_char(r.responded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as at, r.comment from responses r join customers c on c.id = r.customer_id left join employees e on e.id = r.employee_id`,
    complaints: sql`select k.external_id, c.external_id as customer, e.external_id as employee, extract(epoch from k.opened_at)::text as o, extract(epoch from k.first_response_at)::text as f, extract(epoch from k.resolved_at)::text as r, k.validity::text, k.severity::text, extract(epoch from k.follow_up_at)::text as fu from complaints k join customers c on c.id = k.customer_id join employees e on e.id = k.employee_id`,
    recovery_actions: sql`select a.external_id, k.external_id as complaint, a.kind::text, a.cost::text, a.currency, extract(epoch from a.performed_at)::text as at, e.external_id as employee from recovery_actions a join complaints k on k.id = a.complaint_id join employees e on e.id = a.employee_id`,
  };
  const out: Record<string, string[]> = {};
  for (const [name, query] of Object.entries(q)) {
    const rows = await queryRows(database.db, query);
    out[name] = rows.map((r) => JSON.stringify(Object.values(r))).sort();
  }
  return out;
}
