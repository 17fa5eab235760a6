import { type Executor, queryRows } from '@delight/db';
import { type SQL, sql } from 'drizzle-orm';
import type { Period } from '../lib/period';
import { BURST_WINDOW_MINUTES } from './math';

/**
 * All SQL of the signals: per employee of the scope, the counts each signal tests.
 * `employees` is a condition on `e` (employees) choosing whose signals are computed.
 */
const bounds = (p: Period) => ({
  ps: sql`${`${p.start}T00:00:00Z`}::timestamptz`,
  pe: sql`${`${p.end}T00:00:00Z`}::timestamptz`,
});

export interface NpsCountsRow extends Record<string, unknown> {
  id: number;
  external_id: string;
  name: string;
  segment: string | null;
  n: number;
  promoters: number;
  /** NPS answers of the employee's segment's customers, without the employee's own */
  segment_n: number;
  segment_promoters: number;
}

export function npsCounts(db: Executor, period: Period, employees: SQL): Promise<NpsCountsRow[]> {
  const { ps, pe } = bounds(period);
  return queryRows<NpsCountsRow>(
    db,
    sql`with emp as (
          select e.id, e.external_id, e.name, e.segment_id, s.external_id as segment
          from employees e left join segments s on s.id = e.segment_id where ${employees}
        ),
        own as (
          select r.employee_id, count(*)::int as n,
            count(*) filter (where r.score >= 9)::int as promoters
          from responses r
          where r.kind = 'nps' and r.responded_at >= ${ps} and r.responded_at < ${pe}
            and r.employee_id in (select id from emp)
          group by r.employee_id
        ),
        seg as (
          select c.segment_id, r.employee_id, count(*)::int as n,
            count(*) filter (where r.score >= 9)::int as promoters
          from responses r join customers c on c.id = r.customer_id
          where r.kind = 'nps' and r.responded_at >= ${ps} and r.responded_at < ${pe}
            and c.segment_id in (select segment_id from emp)
          group by c.segment_id, r.employee_id
        )
        select emp.id, emp.external_id, emp.name, emp.segment,
          coalesce(own.n, 0) as n, coalesce(own.promoters, 0) as promoters,
          coalesce((select sum(seg.n) from seg where seg.segment_id = emp.segment_id
            and seg.employee_id is distinct from emp.id), 0)::int as segment_n,
          coalesce((select sum(seg.promoters) from seg where seg.segment_id = emp.segment_id
            and seg.employee_id is distinct from emp.id), 0)::int as segment_promoters
        from emp left join own on own.employee_id = emp.id
        order by emp.external_id collate "C"`,
  );
}

export interface TopCustomerRow extends Record<string, unknown> {
  employee_id: number;
  customer: string;
  customer_name: string;
  answers: number;
}

/** Per employee, the customer who gave the most NPS answers in the period (ties: lower id). */
export function topCustomers(
  db: Executor,
  period: Period,
  employees: SQL,
): Promise<TopCustomerRow[]> {
  const { ps, pe } = bounds(period);
  return queryRows<TopCustomerRow>(
    db,
    sql`select distinct on (r.employee_id) r.employee_id, c.external_id as customer,
          c.name as customer_name, count(*)::int as answers
        from responses r join customers c on c.id = r.customer_id
        where r.kind = 'nps' and r.responded_at >= ${ps} and r.responded_at < ${pe}
          and r.employee_id in (select e.id from employees e where ${employees})
        group by r.employee_id, c.external_id, c.name
        order by r.employee_id, count(*) desc, c.external_id collate "C"`,
  );
}

export interface BurstRow extends Record<string, unknown> {
  employee_id: number;
  window_start: string;
  answers: number;
}

/**
 * Per employee, the 10-minute window [t, t + 10 min) holding the most of their answers
 * (any kind) in the period, t being one of their answers (the earliest such window).
 */
export function busiestWindows(db: Executor, period: Period, employees: SQL): Promise<BurstRow[]> {
  const { ps, pe } = bounds(period);
  const width = sql.raw(`interval '${BURST_WINDOW_MINUTES} minutes' - interval '1 microsecond'`);
  return queryRows<BurstRow>(
    db,
    sql`select distinct on (w.employee_id) w.employee_id,
          to_char(w.responded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as window_start,
          w.answers
        from (
          select r.employee_id, r.responded_at,
            count(*) over (partition by r.employee_id order by r.responded_at
              range between current row and ${width} following)::int as answers
          from responses r
          where r.responded_at >= ${ps} and r.responded_at < ${pe}
            and r.employee_id in (select e.id from employees e where ${employees})
        ) w
        order by w.employee_id, w.answers desc, w.responded_at`,
  );
}

/** The answers of one employee in [start, start + 10 min): the burst's evidence. */
export async function windowAnswers(
  db: Executor,
  employeeId: number,
  start: string,
): Promise<{ response: string; kind: string; score: number; at: string }[]> {
  const width = sql.raw(`interval '${BURST_WINDOW_MINUTES} minutes'`);
  return queryRows(
    db,
    sql`select r.external_id as response, r.kind::text as kind, r.score,
          to_char(r.responded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at
        from responses r
        where r.employee_id = ${employeeId} and r.responded_at >= ${start}::timestamptz
          and r.responded_at < ${start}::timestamptz + ${width}
        order by r.responded_at, r.external_id collate "C"`,
  );
}

export interface ComplaintCountsRow extends Record<string, unknown> {
  id: number;
  handled: number;
  unfounded: number;
  segment_handled: number;
  segment_unfounded: number;
}

/** Complaints each employee handled (opened in the period) and their segment's. */
export function complaintCounts(
  db: Executor,
  period: Period,
  employees: SQL,
): Promise<ComplaintCountsRow[]> {
  const { ps, pe } = bounds(period);
  return queryRows<ComplaintCountsRow>(
    db,
    sql`with emp as (select e.id, e.segment_id from employees e where ${employees}),
        own as (
          select k.employee_id, count(*)::int as handled,
            count(*) filter (where k.validity = 'unfounded')::int as unfounded
          from complaints k
          where k.opened_at >= ${ps} and k.opened_at < ${pe}
            and k.employee_id in (select id from emp)
          group by k.employee_id
        ),
        seg as (
          select c.segment_id, count(*)::int as handled,
            count(*) filter (where k.validity = 'unfounded')::int as unfounded
          from complaints k join customers c on c.id = k.customer_id
          where k.opened_at >= ${ps} and k.opened_at < ${pe}
            and c.segment_id in (select segment_id from emp)
          group by c.segment_id
        )
        select emp.id, coalesce(own.handled, 0) as handled, coalesce(own.unfounded, 0) as unfounded,
          coalesce(seg.handled, 0) as segment_handled, coalesce(seg.unfounded, 0) as segment_unfounded
        from emp left join own on own.employee_id = emp.id
        left join seg on seg.segment_id = emp.segment_id`,
  );
}
