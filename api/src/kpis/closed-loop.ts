import { type SQL, sql } from 'drizzle-orm';
import { slaHours } from '../cases/sql';

/**
 * The closed-loop KPIs of DESIGN.md (detractor_contact_rate, detractor_contact_h,
 * held_dissatisfied_rate, acquired) as CTEs of the one KPI statement (queries.ts), so
 * every scope, period, trend, breakdown and bonus line gets them in the same round
 * trip. Each CTE is keyed (key = period, gid = group) like the others.
 *
 * Groups: company 0; segment: the customer's segment; manager: the segment's manager;
 * employee: for the detractor answers the owner of their case (an override, else the
 * customer's account manager, else the segment's manager), for held and acquired the
 * account manager (like retention).
 */
export type ClosedLoopDimension = 'company' | 'segment' | 'manager' | 'employee';

const CASE_OWNER = sql`coalesce(cs.owner_id, c.account_manager_id, s.manager_id)`;
const DETRACTOR_KEY: Record<ClosedLoopDimension, SQL> = {
  company: sql`0`,
  segment: sql`c.segment_id`,
  manager: sql`s.manager_id`,
  employee: CASE_OWNER,
};
const CUSTOMER_KEY: Record<ClosedLoopDimension, SQL> = {
  company: sql`0`,
  segment: sql`c.segment_id`,
  manager: sql`s.manager_id`,
  employee: sql`c.account_manager_id`,
};

/**
 * A valid complaint `k` resolved in the period is followed up when the imported
 * follow_up_at, or a contact on it with outcome reached or resolved at or after
 * resolved_at, lies in [resolved_at, resolved_at + 168 h]: the earlier of the two is
 * the follow-up (DESIGN.md, Closed loop). A follow_up_at before resolution is no
 * follow-up, so it never hides a later contact.
 */
export const followedUp = (k: string): SQL =>
  sql.raw(`((${k}.follow_up_at >= ${k}.resolved_at
      and ${k}.follow_up_at <= ${k}.resolved_at + interval '168 hours')
    or exists (select 1 from contacts fu where fu.complaint_id = ${k}.id
      and fu.outcome in ('reached', 'resolved')
      and fu.contacted_at >= ${k}.resolved_at
      and fu.contacted_at <= ${k}.resolved_at + interval '168 hours'))`);

/** The CTEs, each starting with a comma, to follow the others of the statement. */
export function closedLoopCtes(dimension: ClosedLoopDimension, lo: SQL, hi: SQL): SQL {
  return sql`,
    detractor_answers as (
      -- NPS answers 0–6 in the period, with the time of their first contact
      select p.key, grp.gid, r.responded_at,
        (select min(ct.contacted_at) from contacts ct where ct.response_id = r.id) as first_at
      from periods p
      join responses r on r.kind = 'nps' and r.score <= 6
        and r.responded_at >= p.ps and r.responded_at < p.pe
        and r.responded_at >= ${lo} and r.responded_at < ${hi}
      join customers c on c.id = r.customer_id
      join segments s on s.id = c.segment_id
      left join case_states cs on cs.subject = 'response' and cs.subject_id = r.id
      join grp on grp.gid = ${DETRACTOR_KEY[dimension]}
    ),
    detractor_contact as (
      select key, gid, count(*)::int as dc_n,
        count(*) filter (where first_at <= responded_at + ${slaHours()} * interval '1 hour')::int as dc_in_sla,
        count(first_at)::int as dch_n,
        extract(epoch from percentile_cont(0.5) within group (order by (first_at - responded_at)))::text as dch_median_s
      from detractor_answers
      group by key, gid
    ),
    held as (
      -- retention base whose class at the start was detractor, or with a valid
      -- complaint opened in the 365 days before the start
      select p.key, grp.gid, count(*)::int as held_n,
        count(*) filter (where c.churned_on is null or c.churned_on >= p.de)::int as held
      from periods p
      join customers c on c.acquired_on < p.ds and (c.churned_on is null or c.churned_on >= p.ds)
      join segments s on s.id = c.segment_id
      join grp on grp.gid = ${CUSTOMER_KEY[dimension]}
      where coalesce((
          select r.score <= 6 from responses r
          where r.customer_id = c.id and r.kind = 'nps'
            and r.responded_at >= p.ps - interval '365 days' and r.responded_at < p.ps
          order by r.responded_at desc, r.external_id collate "C" desc limit 1
        ), false)
        or exists (
          select 1 from complaints k2 where k2.customer_id = c.id and k2.validity = 'valid'
            and k2.opened_at >= p.ps - interval '365 days' and k2.opened_at < p.ps
        )
      group by p.key, grp.gid
    ),
    acquired as (
      select p.key, grp.gid, count(*)::int as acquired
      from periods p
      join customers c on c.acquired_on >= p.ds and c.acquired_on < p.de
      join segments s on s.id = c.segment_id
      join grp on grp.gid = ${CUSTOMER_KEY[dimension]}
      group by p.key, grp.gid
    )`;
}

/** The columns of the final select (each starting with a comma). */
export const closedLoopColumns = sql`,
      coalesce(detractor_contact.dc_n, 0) as dc_n,
      coalesce(detractor_contact.dc_in_sla, 0) as dc_in_sla,
      coalesce(detractor_contact.dch_n, 0) as dch_n, detractor_contact.dch_median_s,
      coalesce(held.held_n, 0) as held_n, coalesce(held.held, 0) as held,
      coalesce(acquired.acquired, 0) as acquired`;

/** The joins of the final select. */
export const closedLoopJoins = sql`
    left join detractor_contact on detractor_contact.key = p.key and detractor_contact.gid = grp.gid
    left join held on held.key = p.key and held.gid = grp.gid
    left join acquired on acquired.key = p.key and acquired.gid = grp.gid`;

export interface ClosedLoopRaw {
  dc_n: number;
  dc_in_sla: number;
  dch_n: number;
  dch_median_s: string | null;
  held_n: number;
  held: number;
  acquired: number;
}

/** The closed-loop counts of a row of the statement. */
export function closedLoopCounts(r: ClosedLoopRaw) {
  return {
    detractorAnswers: Number(r.dc_n),
    detractorContactedInSla: Number(r.dc_in_sla),
    detractorContactN: Number(r.dch_n),
    detractorContactMedianSeconds: r.dch_median_s,
    heldBase: Number(r.held_n),
    held: Number(r.held),
    acquired: Number(r.acquired),
  };
}
