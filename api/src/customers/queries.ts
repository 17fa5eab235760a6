import { type Executor, queryRows } from '@delight/db';
import { type SQL, sql } from 'drizzle-orm';
import { type Period, ttmWindow } from '../lib/period';
import type { ResolvedScope } from '../lib/scope';
import type { NpsClass } from '../money/math';
import { baseCtes, scopeCondition, throwMissingRates } from '../money/queries';

const ts = (day: string) => `${day}T00:00:00Z`;

export const CUSTOMER_SORTS = ['ttm', 'name', 'revenue_at_risk', 'clv', 'open_complaints'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

// qualified: the select list shadows these names with their ::text forms
const SORT_SQL: Record<CustomerSort, SQL> = {
  ttm: sql`listed.ttm`,
  name: sql`listed.name`,
  revenue_at_risk: sql`listed.revenue_at_risk`,
  clv: sql`listed.clv`,
  open_complaints: sql`listed.open_complaints`,
};

export interface CustomerRow extends Record<string, unknown> {
  external_id: string;
  name: string;
  segment: string;
  account_manager: string | null;
  acquired_on: string;
  churned_on: string | null;
  ttm: string;
  class: NpsClass;
  nps_score: number | null;
  latest_nps: number | null;
  latest_nps_at: string | null;
  latest_csat: number | null;
  latest_csat_at: string | null;
  latest_ces: number | null;
  latest_ces_at: string | null;
  open_complaints: number;
  revenue_at_risk: string;
  clv: string;
}

export interface CustomerListOptions {
  scope: ResolvedScope;
  period: Period;
  currency: string;
  visible: SQL;
  /** gross_margin × years(churn_p[class]) per class, exact decimal strings */
  clvFactor: Record<NpsClass, string>;
  sort: CustomerSort;
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/**
 * Active customers of the scope at T, one page, sorted in SQL (ties by external id):
 * ttm, NPS class, latest answer of each kind before T, complaints open at T (opened
 * before T and not resolved by then, any validity), revenue at risk (ttm of a
 * detractor, else 0) and clv. Returns the page and the total.
 */
export async function customerPage(
  db: Executor,
  o: CustomerListOptions,
): Promise<{ rows: CustomerRow[]; total: number }> {
  const T = ts(o.period.end);
  const base = baseCtes({ ...o, extra: o.visible });
  const latest = (kind: string, col: string) => sql`
    left join lateral (
      select r.score, r.responded_at from responses r
      where r.customer_id = listed.id and r.kind = ${kind}::response_kind
        and r.responded_at < ${T}::timestamptz
      order by r.responded_at desc, r.external_id collate "C" desc limit 1
    ) ${sql.raw(col)} on true`;
  const f = o.clvFactor;
  const listed = sql`
    open_complaints as (
      select k.customer_id, count(*)::int as n
      from complaints k
      join active on active.id = k.customer_id
      where k.opened_at < ${T}::timestamptz
        and (k.resolved_at is null or k.resolved_at >= ${T}::timestamptz)
      group by k.customer_id
    ),
    listed as (
      select sc.id, sc.external_id, sc.name, s.external_id as segment,
        e.external_id as account_manager,
        sc.acquired_on::text as acquired_on, sc.churned_on::text as churned_on,
        a.ttm, a.class, a.nps_score, coalesce(oc.n, 0) as open_complaints,
        case when a.class = 'detractor' then a.ttm else 0 end as revenue_at_risk,
        a.ttm * case a.class when 'promoter' then ${f.promoter}::numeric
          when 'passive' then ${f.passive}::numeric when 'detractor' then ${f.detractor}::numeric
          else ${f.unknown}::numeric end as clv
      from active a
      join sc on sc.id = a.id
      join segments s on s.id = sc.segment_id
      left join employees e on e.id = sc.account_manager_id
      left join open_complaints oc on oc.customer_id = a.id
    )`;
  const order = sql`${SORT_SQL[o.sort]} ${o.dir === 'asc' ? sql`asc` : sql`desc`}, listed.external_id collate "C" asc`;
  // Sort and cut the page first; the latest answers are looked up for its rows only.
  // The total rides along (a window count before the limit), so one statement answers.
  const rows = await queryRows<CustomerRow & { total: number; missing: number }>(
    db,
    sql`with ${base}, ${listed},
      page as (
        select listed.*, count(*) over () as total from listed
        order by ${order} limit ${o.limit} offset ${o.offset}
      )
      select listed.external_id, listed.name, listed.segment, listed.account_manager,
        listed.acquired_on, listed.churned_on, listed.ttm::text as ttm, listed.class,
        listed.nps_score, ln.score as latest_nps, ln.responded_at as latest_nps_at,
        lc.score as latest_csat, lc.responded_at as latest_csat_at,
        le.score as latest_ces, le.responded_at as latest_ces_at, listed.open_complaints,
        listed.revenue_at_risk::text as revenue_at_risk, listed.clv::text as clv,
        listed.total::int as total,
        (select coalesce(sum(missing), 0) from ttm)::int as missing
      from page as listed
      ${latest('nps', 'ln')} ${latest('csat', 'lc')} ${latest('ces', 'le')}
      order by ${order}`,
  );
  const first = rows[0];
  if (!first) {
    // a page past the end: count (and check rates) on their own
    const [c] = await queryRows<{ total: number; missing: number }>(
      db,
      sql`with ${base}
        select (select count(*) from active)::int as total,
               (select coalesce(sum(missing), 0) from ttm)::int as missing`,
    );
    if (c!.missing > 0) await throwMissingRates(db, o.currency);
    return { rows: [], total: c!.total };
  }
  if (first.missing > 0) await throwMissingRates(db, o.currency);
  return { rows: rows.map(({ total: _t, missing: _m, ...r }) => r), total: first.total };
}

export interface CostToServeRow extends Record<string, unknown> {
  external_id: string;
  name: string;
  segment: string;
  account_manager: string | null;
  ttm: string;
  margin: string;
  recovery_cost: string;
  recovery_actions: number;
  unfounded_complaints: number;
  cost_exceeds_margin: boolean;
}

/**
 * Let-go candidates (Precise readings): active customers at T whose recovery-action
 * cost in the ttm window (actions performed from the window's first day to T, on
 * complaints of any validity, at the rate of the performed_at month) exceeds
 * ttm × gross_margin, or with ≥ 3 unfounded complaints opened in that window.
 */
export async function costToServe(
  db: Executor,
  o: {
    scope: ResolvedScope;
    period: Period;
    currency: string;
    visible: SQL;
    grossMargin: string;
  },
): Promise<CostToServeRow[]> {
  const win = ttmWindow(o.period);
  const [F, T] = [ts(win.from), ts(win.to)];
  const gm = sql`${o.grossMargin}::numeric`;
  const rows = await queryRows<CostToServeRow & { missing: number }>(
    db,
    sql`with ${baseCtes({ ...o, extra: o.visible })},
    acts as (
      select k.customer_id,
        sum(case when a.currency = ${o.currency}::text then a.cost else a.cost * fx.rate end) as cost,
        count(*)::int as n,
        count(*) filter (where a.currency <> ${o.currency}::text and fx.rate is null)::int as missing
      from recovery_actions a
      join complaints k on k.id = a.complaint_id
      join active on active.id = k.customer_id
      left join fx_rates fx on fx.currency = a.currency
        and fx.month = date_trunc('month', (a.performed_at at time zone 'UTC'))::date
      where a.performed_at >= ${F}::timestamptz and a.performed_at < ${T}::timestamptz
      group by k.customer_id
    ),
    unfounded as (
      select k.customer_id, count(*)::int as n
      from complaints k
      join active on active.id = k.customer_id
      where k.validity = 'unfounded'
        and k.opened_at >= ${F}::timestamptz and k.opened_at < ${T}::timestamptz
      group by k.customer_id
    )
    select sc.external_id, sc.name, s.external_id as segment, e.external_id as account_manager,
      a.ttm::text as ttm, (a.ttm * ${gm})::text as margin,
      coalesce(x.cost, 0)::text as recovery_cost, coalesce(x.n, 0) as recovery_actions,
      coalesce(u.n, 0) as unfounded_complaints,
      coalesce(x.cost, 0) > a.ttm * ${gm} as cost_exceeds_margin,
      (coalesce(x.missing, 0) + (select coalesce(sum(missing), 0) from ttm))::int as missing
    from active a
    join sc on sc.id = a.id
    join segments s on s.id = sc.segment_id
    left join employees e on e.id = sc.account_manager_id
    left join acts x on x.customer_id = a.id
    left join unfounded u on u.customer_id = a.id
    where coalesce(x.cost, 0) > a.ttm * ${gm} or coalesce(u.n, 0) >= 3
       or coalesce(x.missing, 0) > 0
    order by sc.external_id collate "C"`,
  );
  if (rows.some((r) => r.missing > 0)) await throwMissingRates(db, o.currency);
  return rows.map(({ missing: _, ...r }) => r);
}

export interface RecoveryLogRow extends Record<string, unknown> {
  external_id: string;
  performed_at: string;
  kind: string;
  cost: string;
  currency: string;
  reporting_cost: string;
  complaint: string;
  validity: string;
  severity: string;
  customer: string;
  customer_name: string;
  employee: string;
  employee_name: string;
}

export interface RecoveryKindTotal extends Record<string, unknown> {
  kind: string;
  actions: number;
  reporting_cost: string;
}

/**
 * Recovery actions performed in the period (performed_at in [start, end)) on complaints
 * (any validity) of the scope's customers the caller may see: the actions that make up
 * `recovery_cost`. Each cost is converted at the rate of its performed_at UTC month.
 */
function recoveryActsCte(o: {
  scope: ResolvedScope;
  period: Period;
  currency: string;
  visible: SQL;
}): SQL {
  return sql`acts as (
    select a.external_id, a.performed_at, a.kind::text as kind, a.cost, a.currency,
      case when a.currency = ${o.currency}::text then a.cost else a.cost * fx.rate end as reporting_cost,
      (a.currency <> ${o.currency}::text and fx.rate is null) as missing,
      k.external_id as complaint, k.validity::text as validity, k.severity::text as severity,
      c.external_id as customer, c.name as customer_name,
      e.external_id as employee, e.name as employee_name
    from recovery_actions a
    join complaints k on k.id = a.complaint_id
    join customers c on c.id = k.customer_id
    join employees e on e.id = a.employee_id
    left join fx_rates fx on fx.currency = a.currency
      and fx.month = date_trunc('month', (a.performed_at at time zone 'UTC'))::date
    where a.performed_at >= ${ts(o.period.start)}::timestamptz
      and a.performed_at < ${ts(o.period.end)}::timestamptz
      and ${scopeCondition(o.scope)} and ${o.visible}
  )`;
}

/** One page of the recovery log, newest first (ties by external id), with the total. */
export async function recoveryLogPage(
  db: Executor,
  o: {
    scope: ResolvedScope;
    period: Period;
    currency: string;
    visible: SQL;
    limit: number;
    offset: number;
  },
): Promise<{ rows: RecoveryLogRow[]; byKind: RecoveryKindTotal[] }> {
  const acts = recoveryActsCte(o);
  const rows = await queryRows<RecoveryLogRow>(
    db,
    sql`with ${acts}
      select external_id,
        to_char(performed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as performed_at,
        kind, cost::text as cost, currency, reporting_cost::text as reporting_cost,
        complaint, validity, severity, customer, customer_name, employee, employee_name
      from acts
      order by acts.performed_at desc, external_id collate "C" desc
      limit ${o.limit} offset ${o.offset}`,
  );
  const byKind = await queryRows<RecoveryKindTotal & { missing: number }>(
    db,
    sql`with ${acts}
      select kind, count(*)::int as actions, sum(reporting_cost)::text as reporting_cost,
        count(*) filter (where missing)::int as missing
      from acts group by kind order by kind`,
  );
  if (byKind.some((k) => k.missing > 0)) await throwMissingRates(db, o.currency);
  return { rows, byKind: byKind.map(({ missing: _, ...k }) => k) };
}
