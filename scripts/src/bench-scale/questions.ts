/**
 * The raw-scan baseline: each dashboard question as plain SQL over the plain tables of
 * the floor (the CSV files as loaded, joined by external id, no rollups, no indexes).
 * The same text runs on PostgreSQL and on DuckDB; a Dialect covers the two spots where
 * they differ. Sessions run in UTC on both, so a timestamp's date and month are UTC's.
 * The definitions follow DESIGN.md (KPIs, Money, Precise readings) independently of the
 * product's queries.
 */
import type { BenchPeriod } from './periods';

export interface Dialect {
  name: 'postgres' | 'duckdb';
  /** byte-order tie-breaks on external ids */
  collateC: string;
  /** `YYYY-MM` of a timestamptz */
  monthText(expr: string): string;
}

export const POSTGRES_DIALECT: Dialect = {
  name: 'postgres',
  collateC: ' collate "C"',
  monthText: (e) => `to_char(${e}, 'YYYY-MM')`,
};

export const DUCKDB_DIALECT: Dialect = {
  name: 'duckdb',
  collateC: '',
  monthText: (e) => `strftime(${e}, '%Y-%m')`,
};

export const REPORTING = 'EUR';
/** gross_margin × years(churn_p[class]) with the default assumptions (H = 3), exact. */
export const CLV_FACTOR = {
  promoter: '0.998375',
  passive: '0.900375',
  detractor: '0.7665',
  unknown: '0.900375',
};
const GROSS_MARGIN = '0.35';

export type Dimension = 'company' | 'segment' | 'manager' | 'employee';

const lit = (text: string) => `'${text.replaceAll("'", "''")}'`;
const ts = (day: string) => `timestamptz '${day} 00:00:00+00'`;
const day = (d: string) => `date '${d}'`;

interface Keys {
  response: string;
  complaint: string;
  customer: string;
}
const KEYS: Record<Dimension, Keys> = {
  company: { response: `'company'`, complaint: `'company'`, customer: `'company'` },
  segment: { response: 'c.segment', complaint: 'c.segment', customer: 'c.segment' },
  manager: { response: 's.manager', complaint: 's.manager', customer: 's.manager' },
  employee: { response: 'r.employee', complaint: 'k.employee', customer: 'c.account_manager' },
};

/** Joins that give `c` (the customer) and, for managers, `s` (the segment). */
function joinsFor(dim: Dimension, customerKey: string): string {
  if (dim === 'company' || dim === 'employee') return '';
  const c = `join customers c on c.external_id = ${customerKey}`;
  return dim === 'manager' ? `${c} join segments s on s.external_id = c.segment` : c;
}

/**
 * The eight KPI samples per (period, group): NPS/CSAT/CES counts, the two complaint
 * medians, follow-up and recovery counts, retention base and retained. `id` narrows to
 * one group (a scope); without it every group of the dimension (a breakdown).
 */
export function kpiSql(periods: readonly BenchPeriod[], dim: Dimension, id?: string): string {
  const k = KEYS[dim];
  const only = (key: string) =>
    id !== undefined ? `${key} = ${lit(id)}` : dim === 'company' ? 'true' : `${key} is not null`;
  const values = periods
    .map((p) => `(${lit(p.key)}, ${ts(p.start)}, ${ts(p.end)}, ${day(p.start)}, ${day(p.end)})`)
    .join(', ');
  const complaintJoins =
    dim === 'manager'
      ? 'join customers c on c.external_id = k.customer join segments s on s.external_id = c.segment'
      : 'join customers c on c.external_id = k.customer';
  const customerJoins = dim === 'manager' ? 'join segments s on s.external_id = c.segment' : '';
  const hours = (a: string, b: string) =>
    `percentile_cont(0.5) within group (order by cast(extract(epoch from (${a} - ${b})) as double precision)) / 3600`;
  return `
    with periods(key, ps, pe, ds, de) as (values ${values}),
    resp as (
      select p.key, ${k.response} as gid,
        count(*) filter (where r.kind = 'nps') as nps_n,
        count(*) filter (where r.kind = 'nps' and r.score >= 9) as promoters,
        count(*) filter (where r.kind = 'nps' and r.score <= 6) as detractors,
        count(*) filter (where r.kind = 'csat') as csat_n,
        count(*) filter (where r.kind = 'csat' and r.score >= 4) as csat_good,
        count(*) filter (where r.kind = 'ces') as ces_n,
        sum(r.score) filter (where r.kind = 'ces') as ces_sum
      from periods p
      join responses r on r.responded_at >= p.ps and r.responded_at < p.pe
      ${joinsFor(dim, 'r.customer')}
      where ${only(k.response)}
      group by 1, 2
    ),
    fr as (
      select p.key, ${k.complaint} as gid, count(*) as fr_n,
        ${hours('k.first_response_at', 'k.opened_at')} as fr_median
      from periods p
      join complaints k on k.opened_at >= p.ps and k.opened_at < p.pe
      ${complaintJoins}
      where k.validity = 'valid' and k.first_response_at is not null and ${only(k.complaint)}
      group by 1, 2
    ),
    res as (
      select p.key, ${k.complaint} as gid, count(*) as res_n,
        ${hours('k.resolved_at', 'k.opened_at')} as res_median,
        count(*) filter (where k.follow_up_at >= k.resolved_at
          and k.follow_up_at <= k.resolved_at + interval '168 hours') as followed,
        count(*) filter (where c.churned_on is null
          or c.churned_on > cast(k.resolved_at as date) + 90) as recovered
      from periods p
      join complaints k on k.resolved_at >= p.ps and k.resolved_at < p.pe
      ${complaintJoins}
      where k.validity = 'valid' and ${only(k.complaint)}
      group by 1, 2
    ),
    ret as (
      select p.key, ${k.customer} as gid, count(*) as ret_n,
        count(*) filter (where c.churned_on is null or c.churned_on >= p.de) as retained
      from periods p
      join customers c on c.acquired_on < p.ds and (c.churned_on is null or c.churned_on >= p.ds)
      ${customerJoins}
      where ${only(k.customer)}
      group by 1, 2
    ),
    keyset as (
      select key, gid from resp union select key, gid from fr
      union select key, gid from res union select key, gid from ret
    )
    select x.key, x.gid, resp.nps_n, resp.promoters, resp.detractors, resp.csat_n,
      resp.csat_good, resp.ces_n, resp.ces_sum, fr.fr_n, fr.fr_median, res.res_n,
      res.res_median, res.followed, res.recovered, ret.ret_n, ret.retained
    from keyset x
    left join resp on resp.key = x.key and resp.gid = x.gid
    left join fr on fr.key = x.key and fr.gid = x.gid
    left join res on res.key = x.key and res.gid = x.gid
    left join ret on ret.key = x.key and ret.gid = x.gid
    order by 1, 2`;
}

export type MoneyScope =
  | { kind: 'company' }
  | { kind: 'segment' | 'manager' | 'employee'; id: string };

function scopeFilter(scope: MoneyScope): string {
  switch (scope.kind) {
    case 'company':
      return 'true';
    case 'segment':
      return `c.segment = ${lit(scope.id)}`;
    case 'manager':
      return `c.segment in (select external_id from segments where manager = ${lit(scope.id)})`;
    case 'employee':
      return `c.account_manager = ${lit(scope.id)}`;
  }
}

const converted = (amount: string, currency: string) =>
  `case when ${currency} = '${REPORTING}' then ${amount} else ${amount} * fx.rate end`;

/**
 * The scope's customers (`sc`), their ttm in the reporting currency (`ttm`), the latest
 * NPS answer of the 365 days before T (`nps`) and the customers active at T with
 * ttm and class (`active`).
 */
function baseCtes(d: Dialect, p: BenchPeriod, scope: MoneyScope): string {
  const T = ts(p.end);
  return `
    sc as (select * from customers c where ${scopeFilter(scope)}),
    ttm as (
      select r.customer, sum(${converted('r.amount', 'r.currency')}) as ttm
      from revenue r
      join sc on sc.external_id = r.customer
      left join fx_rates fx on fx.month = r.month and fx.currency = r.currency
      where r.month >= ${lit(p.ttmFrom)} and r.month < ${lit(p.ttmTo)}
      group by r.customer
    ),
    nps as (
      select distinct on (r.customer) r.customer, r.score
      from responses r
      join sc on sc.external_id = r.customer
      where r.kind = 'nps' and r.responded_at >= ${T} - interval '365 days' and r.responded_at < ${T}
      order by r.customer, r.responded_at desc, r.external_id${d.collateC} desc
    ),
    active as (
      select sc.external_id, sc.name, sc.segment, sc.account_manager, sc.churned_on,
        coalesce(t.ttm, 0) as ttm, n.score as nps_score,
        case when n.score is null then 'unknown' when n.score >= 9 then 'promoter'
             when n.score >= 7 then 'passive' else 'detractor' end as class
      from sc
      left join ttm t on t.customer = sc.external_id
      left join nps n on n.customer = sc.external_id
      where sc.acquired_on < ${day(p.end)} and (sc.churned_on is null or sc.churned_on >= ${day(p.end)})
    )`;
}

/** Every input of the money model of a scope and period, in one statement. */
export function moneySql(d: Dialect, p: BenchPeriod, scope: MoneyScope): string {
  const [S, T] = [ts(p.start), ts(p.end)];
  const byClass = (cls: string) =>
    `count(*) filter (where class = '${cls}') as ${cls}s,
     coalesce(sum(ttm) filter (where class = '${cls}'), 0) as ${cls}s_ttm`;
  return `
    with ${baseCtes(d, p, scope)},
    churned as (
      select sc.external_id, coalesce(sum(${converted('r.amount', 'r.currency')}), 0) as ttm
      from sc
      left join revenue r on r.customer = sc.external_id
        and r.month >= ${d.monthText("sc.churned_on - interval '12 months'")}
        and r.month < ${d.monthText('sc.churned_on')}
      left join fx_rates fx on fx.month = r.month and fx.currency = r.currency
      where sc.churned_on >= ${day(p.start)} and sc.churned_on < ${day(p.end)}
      group by sc.external_id
    ),
    recovered as (
      select coalesce(t.ttm, 0) as ttm
      from complaints k
      join sc on sc.external_id = k.customer
      left join ttm t on t.customer = k.customer
      where k.validity = 'valid' and k.resolved_at >= ${S} and k.resolved_at < ${T}
        and (sc.churned_on is null or sc.churned_on > cast(k.resolved_at as date) + 90)
    ),
    actions as (
      select ${converted('a.cost', 'a.currency')} as cost
      from recovery_actions a
      join complaints k on k.external_id = a.complaint
      join sc on sc.external_id = k.customer
      left join fx_rates fx on fx.currency = a.currency and fx.month = ${d.monthText('a.performed_at')}
      where a.performed_at >= ${S} and a.performed_at < ${T}
    )
    select cl.*, ch.*, rc.*, ac.*
    from (select ${byClass('promoter')}, ${byClass('passive')}, ${byClass('detractor')},
                 ${byClass('unknown')} from active) cl,
      (select count(*) as churned, coalesce(sum(ttm), 0) as churned_ttm from churned) ch,
      (select count(*) as recovered, coalesce(sum(ttm), 0) as recovered_ttm from recovered) rc,
      (select count(*) as actions, coalesce(sum(cost), 0) as actions_cost from actions) ac`;
}

export const CUSTOMER_SORTS = {
  ttm: 'ttm desc',
  revenue_at_risk: 'revenue_at_risk desc',
  name: 'name asc',
} as const;
export type CustomerSort = keyof typeof CUSTOMER_SORTS;

/** One page (50) of the company's active customers, sorted, with the total and latest answers. */
export function customersSql(d: Dialect, p: BenchPeriod, sort: CustomerSort): string {
  const T = ts(p.end);
  const f = CLV_FACTOR;
  const order = `${CUSTOMER_SORTS[sort].replace('name', `name${d.collateC}`)}, external_id${d.collateC}`;
  return `
    with ${baseCtes(d, p, { kind: 'company' })},
    open_complaints as (
      select k.customer, count(*) as n from complaints k
      where k.opened_at < ${T} and (k.resolved_at is null or k.resolved_at >= ${T})
      group by k.customer
    ),
    listed as (
      select a.*, coalesce(o.n, 0) as open_complaints,
        case when a.class = 'detractor' then a.ttm else 0 end as revenue_at_risk,
        a.ttm * case a.class when 'promoter' then ${f.promoter} when 'passive' then ${f.passive}
          when 'detractor' then ${f.detractor} else ${f.unknown} end as clv
      from active a left join open_complaints o on o.customer = a.external_id
    ),
    page as (
      select listed.*, count(*) over () as total from listed order by ${order} limit 50
    ),
    latest as (
      select distinct on (r.customer, r.kind) r.customer, r.kind, r.score, r.responded_at
      from responses r join page on page.external_id = r.customer
      where r.responded_at < ${T}
      order by r.customer, r.kind, r.responded_at desc, r.external_id${d.collateC} desc
    )
    select page.external_id, page.name, page.ttm, page.class, page.open_complaints,
      page.revenue_at_risk, page.clv, page.total,
      ln.score as latest_nps, lc.score as latest_csat, le.score as latest_ces
    from page
    left join latest ln on ln.customer = page.external_id and ln.kind = 'nps'
    left join latest lc on lc.customer = page.external_id and lc.kind = 'csat'
    left join latest le on le.customer = page.external_id and le.kind = 'ces'
    order by ${order}`;
}

/** The let-go list: recovery cost over the ttm window above ttm × margin, or ≥ 3 unfounded. */
export function costToServeSql(d: Dialect, p: BenchPeriod): string {
  const [F, T] = [ts(`${p.ttmFrom}-01`), ts(p.end)];
  return `
    with ${baseCtes(d, p, { kind: 'company' })},
    acts as (
      select k.customer, sum(${converted('a.cost', 'a.currency')}) as cost, count(*) as n
      from recovery_actions a
      join complaints k on k.external_id = a.complaint
      left join fx_rates fx on fx.currency = a.currency and fx.month = ${d.monthText('a.performed_at')}
      where a.performed_at >= ${F} and a.performed_at < ${T}
      group by k.customer
    ),
    unfounded as (
      select k.customer, count(*) as n from complaints k
      where k.validity = 'unfounded' and k.opened_at >= ${F} and k.opened_at < ${T}
      group by k.customer
    )
    select a.external_id, a.ttm, a.ttm * ${GROSS_MARGIN} as margin, coalesce(x.cost, 0) as cost,
      coalesce(x.n, 0) as actions, coalesce(u.n, 0) as unfounded
    from active a
    left join acts x on x.customer = a.external_id
    left join unfounded u on u.customer = a.external_id
    where coalesce(x.cost, 0) > a.ttm * ${GROSS_MARGIN} or coalesce(u.n, 0) >= 3
    order by a.external_id${d.collateC}`;
}
