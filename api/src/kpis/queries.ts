import { type Executor, queryRows } from '@delight/db';
import { type SQL, sql } from 'drizzle-orm';
import type { Period } from '../lib/period';
import {
  type ClosedLoopRaw,
  closedLoopColumns,
  closedLoopCounts,
  closedLoopCtes,
  closedLoopJoins,
  followedUp,
} from './closed-loop';
import type { KpiCounts } from './math';

/**
 * All KPI aggregation in SQL (DESIGN.md, KPIs and Precise readings).
 *
 * One statement answers any number of periods × groups: a single scope (one group),
 * a breakdown (every segment / manager / employee) or a trend (many periods), so every
 * dashboard call is one round trip. Responses, by far the largest table, are read
 * from a daily rollup (one row per day × segment × employee); complaints through their
 * time indexes (complaints_opened / _resolved). So the cost follows the days and
 * complaints of the asked periods, not the years of history.
 */

/** What a group is: the whole company, a segment, a segment manager, an employee. */
export type KpiDimension = 'company' | 'segment' | 'manager' | 'employee';

/** Counts of one (period, group) pair, with the group's database id and label. */
export interface KpiCountsRow extends KpiCounts {
  period: string;
  gid: number;
  /** external id of the group ('company' for the company) */
  label: string;
  name: string;
  complaintsUnfounded: number;
  complaintsPending: number;
}

/**
 * The group key of each data source per dimension.
 * - responses are read from the daily rollup `kpi_response_daily` (day, current segment,
 *   employee; 0 = none), kept exact in the write path (api/src/import/read-models.ts)
 * - manager: customers of the segments whose manager is that employee (segments.manager_id)
 * - employee: responses / complaints whose employee is them; retention over the customers
 *   they account-manage
 */
const GROUP_KEYS: Record<
  KpiDimension,
  { daily: SQL; complaint: SQL; customer: SQL; dailyJoin: SQL }
> = {
  company: { daily: sql`0`, complaint: sql`0`, customer: sql`0`, dailyJoin: sql`` },
  segment: {
    daily: sql`d.segment_id`,
    complaint: sql`c.segment_id`,
    customer: sql`c.segment_id`,
    dailyJoin: sql``,
  },
  manager: {
    daily: sql`s.manager_id`,
    complaint: sql`s.manager_id`,
    customer: sql`s.manager_id`,
    dailyJoin: sql`join segments s on s.id = d.segment_id`,
  },
  employee: {
    daily: sql`d.employee_id`,
    complaint: sql`k.employee_id`,
    customer: sql`c.account_manager_id`,
    dailyJoin: sql``,
  },
};

const ts = (day: string) => `${day}T00:00:00Z`;

/** `(values (key, start ts, end ts, start date, end date), …)` for the periods asked. */
function periodsValues(periods: readonly Period[]): SQL {
  const rows = periods.map(
    (p) =>
      sql`(${p.key}::text, ${ts(p.start)}::timestamptz, ${ts(p.end)}::timestamptz, ${p.start}::date, ${p.end}::date)`,
  );
  return sql`values ${sql.join(rows, sql`, `)}`;
}

/**
 * Groups are selected by a subquery returning `(gid int, label text, name text)`: the
 * scope's entity or entities. Company is the single group 0.
 */
export function companyGroup(): SQL {
  return sql`select 0 as gid, 'company'::text as label, 'Company'::text as name`;
}

/** One known entity as the only group (zeros when it has no data, e.g. a manager of no segment). */
export function singleGroup(dbId: number, label: string): SQL {
  return sql`select ${dbId}::int as gid, ${label}::text as label, ''::text as name`;
}

export function entityGroups(
  dimension: Exclude<KpiDimension, 'company'>,
  where: SQL | null,
  options: { managersOnly?: boolean } = {},
): SQL {
  const conditions: SQL[] = where ? [where] : [];
  // listing managers: an employee who manages at least one segment (an explicit id list
  // keeps a manager of no segment, with zeros, like the single manager scope)
  if (dimension === 'manager' && options.managersOnly !== false) {
    conditions.push(sql`exists (select 1 from segments m where m.manager_id = x.id)`);
  }
  const filter = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const table = dimension === 'segment' ? sql`segments` : sql`employees`;
  return sql`select x.id as gid, x.external_id as label, x.name from ${table} x ${filter}`;
}

interface RawRow extends Record<string, unknown>, ClosedLoopRaw {
  period: string;
  gid: number;
  label: string;
  name: string;
  nps_n: number;
  promoters: number;
  detractors: number;
  csat_n: number;
  csat_good: number;
  ces_n: number;
  ces_sum: string;
  fr_n: number;
  fr_median_s: string | null;
  res_n: number;
  res_median_s: string | null;
  followed: number;
  recovered: number;
  ret_n: number;
  retained: number;
  unfounded: number;
  pending: number;
}

/**
 * KPI counts for every (period, group). `groups` is a subquery from companyGroup() or
 * entityGroups(); rows come back for every pair, zeros where there is no data.
 */
export async function queryKpiCounts(
  db: Executor,
  periods: readonly Period[],
  dimension: KpiDimension,
  groups: SQL,
): Promise<KpiCountsRow[]> {
  if (periods.length === 0) return [];
  const rows = await queryRows<RawRow>(db, kpiCountsSql(periods, dimension, groups));
  return rows.map(toCountsRow);
}

/** The statement of queryKpiCounts, on its own so that a benchmark can EXPLAIN it. */
export function kpiCountsSql(
  periods: readonly Period[],
  dimension: KpiDimension,
  groups: SQL,
): SQL {
  const g = GROUP_KEYS[dimension];
  // The whole span as constants too: the join with the periods list hides the bounds
  // from the planner, which then reads a group's whole history through the customer
  // index instead of an index range on time.
  const first = periods.map((p) => p.start).sort()[0]!;
  const last = periods
    .map((p) => p.end)
    .sort()
    .at(-1)!;
  const lo = sql`${ts(first)}::timestamptz`;
  const hi = sql`${ts(last)}::timestamptz`;
  const loDay = sql`${first}::date`;
  const hiDay = sql`${last}::date`;
  // complaints always need their customer (churn for recovery, segment for scope)
  const complaintJoin =
    dimension === 'manager'
      ? sql`join customers c on c.id = k.customer_id join segments s on s.id = c.segment_id`
      : sql`join customers c on c.id = k.customer_id`;
  const customerJoin =
    dimension === 'manager' ? sql`join segments s on s.id = c.segment_id` : sql``;

  return sql`
    with periods(key, ps, pe, ds, de) as (${periodsValues(periods)}),
    grp as (${groups}),
    resp as (
      -- periods are whole UTC days, so the daily rollup answers them exactly
      select p.key, grp.gid,
        sum(d.nps_n)::int as nps_n,
        sum(d.promoters)::int as promoters,
        sum(d.detractors)::int as detractors,
        sum(d.csat_n)::int as csat_n,
        sum(d.csat_good)::int as csat_good,
        sum(d.ces_n)::int as ces_n,
        sum(d.ces_sum)::bigint::text as ces_sum
      from periods p
      join kpi_response_daily d on d.day >= p.ds and d.day < p.de
        and d.day >= ${loDay} and d.day < ${hiDay}
      ${g.dailyJoin}
      join grp on grp.gid = ${g.daily}
      group by p.key, grp.gid
    ),
    first_resp as (
      -- valid complaints opened in the period with a first response; exact seconds
      select p.key, grp.gid, count(*)::int as fr_n,
        -- the median of the intervals, in exact seconds (numeric): hours are seconds / 3600
        extract(epoch from percentile_cont(0.5) within group (
          order by (k.first_response_at - k.opened_at)
        ))::text as fr_median_s
      from periods p
      join complaints k on k.opened_at >= p.ps and k.opened_at < p.pe
        and k.opened_at >= ${lo} and k.opened_at < ${hi}
      ${complaintJoin}
      join grp on grp.gid = ${g.complaint}
      where k.validity = 'valid' and k.first_response_at is not null
      group by p.key, grp.gid
    ),
    resolved as (
      -- valid complaints resolved in the period
      select p.key, grp.gid, count(*)::int as res_n,
        extract(epoch from percentile_cont(0.5) within group (
          order by (k.resolved_at - k.opened_at)
        ))::text as res_median_s,
        -- the imported follow_up_at or a logged contact (closed-loop.ts)
        count(*) filter (where ${followedUp('k')})::int as followed,
        -- recovered: no churn, or churned later than the UTC resolution date + 90 days
        count(*) filter (
          where c.churned_on is null
             or c.churned_on > (k.resolved_at at time zone 'UTC')::date + 90
        )::int as recovered
      from periods p
      join complaints k on k.resolved_at >= p.ps and k.resolved_at < p.pe
        and k.resolved_at >= ${lo} and k.resolved_at < ${hi}
      ${complaintJoin}
      join grp on grp.gid = ${g.complaint}
      where k.validity = 'valid'
      group by p.key, grp.gid
    ),
    other as (
      -- unfounded and pending complaints the period would have picked (opened or
      -- resolved in it): counted in no KPI, reported beside them
      select p.key, grp.gid,
        count(*) filter (where k.validity = 'unfounded')::int as unfounded,
        count(*) filter (where k.validity = 'pending')::int as pending
      from periods p
      join complaints k on ((k.opened_at >= p.ps and k.opened_at < p.pe)
          or (k.resolved_at >= p.ps and k.resolved_at < p.pe))
        and ((k.opened_at >= ${lo} and k.opened_at < ${hi})
          or (k.resolved_at >= ${lo} and k.resolved_at < ${hi}))
      ${complaintJoin}
      join grp on grp.gid = ${g.complaint}
      where k.validity <> 'valid'
      group by p.key, grp.gid
    ),
    ret as (
      -- base: acquired before start, not churned before start; retained: not churned before end
      select p.key, grp.gid,
        count(*)::int as ret_n,
        count(*) filter (where c.churned_on is null or c.churned_on >= p.de)::int as retained
      from periods p
      join customers c on c.acquired_on < p.ds and (c.churned_on is null or c.churned_on >= p.ds)
      ${customerJoin}
      join grp on grp.gid = ${g.customer}
      group by p.key, grp.gid
    )${closedLoopCtes(dimension, lo, hi)}
    select p.key as period, grp.gid, grp.label, grp.name,
      coalesce(resp.nps_n, 0) as nps_n, coalesce(resp.promoters, 0) as promoters,
      coalesce(resp.detractors, 0) as detractors, coalesce(resp.csat_n, 0) as csat_n,
      coalesce(resp.csat_good, 0) as csat_good, coalesce(resp.ces_n, 0) as ces_n,
      coalesce(resp.ces_sum, '0') as ces_sum,
      coalesce(first_resp.fr_n, 0) as fr_n, first_resp.fr_median_s,
      coalesce(resolved.res_n, 0) as res_n, resolved.res_median_s,
      coalesce(resolved.followed, 0) as followed, coalesce(resolved.recovered, 0) as recovered,
      coalesce(ret.ret_n, 0) as ret_n, coalesce(ret.retained, 0) as retained,
      coalesce(other.unfounded, 0) as unfounded, coalesce(other.pending, 0) as pending${closedLoopColumns}
    from periods p
    cross join grp
    left join resp on resp.key = p.key and resp.gid = grp.gid
    left join first_resp on first_resp.key = p.key and first_resp.gid = grp.gid
    left join resolved on resolved.key = p.key and resolved.gid = grp.gid
    left join other on other.key = p.key and other.gid = grp.gid
    left join ret on ret.key = p.key and ret.gid = grp.gid
    ${closedLoopJoins}
    order by p.ps, grp.label`;
}

function toCountsRow(r: RawRow): KpiCountsRow {
  return {
    period: r.period,
    gid: Number(r.gid),
    label: r.label,
    name: r.name,
    npsN: Number(r.nps_n),
    promoters: Number(r.promoters),
    detractors: Number(r.detractors),
    csatN: Number(r.csat_n),
    csatGood: Number(r.csat_good),
    cesN: Number(r.ces_n),
    cesSum: Number(r.ces_sum),
    cesSumExact: r.ces_sum,
    firstResponseN: Number(r.fr_n),
    firstResponseMedianSeconds: r.fr_median_s,
    firstResponseMedian: r.fr_median_s === null ? null : Number(r.fr_median_s) / 3600,
    resolvedN: Number(r.res_n),
    resolutionMedianSeconds: r.res_median_s,
    resolutionMedian: r.res_median_s === null ? null : Number(r.res_median_s) / 3600,
    followedUp: Number(r.followed),
    recovered: Number(r.recovered),
    retentionBase: Number(r.ret_n),
    retained: Number(r.retained),
    complaintsUnfounded: Number(r.unfounded),
    complaintsPending: Number(r.pending),
    ...closedLoopCounts(r),
  };
}
