import { type Executor, queryRows } from '@delight/db';
import { type SQL, sql } from 'drizzle-orm';
import { unprocessable } from '../lib/errors';
import { type Period, ttmWindow } from '../lib/period';
import { customerScope, type ResolvedScope } from '../lib/scope';
import type { MoneyInputs } from './math';

/**
 * Money aggregation in SQL (DESIGN.md, Money and Precise readings). Amounts stay
 * `numeric` (exact) and leave the database as text; conversion to the reporting
 * currency multiplies by the rate of the amount's own month (revenue: its month;
 * recovery actions: the UTC month of performed_at). The reporting currency has no
 * rate rows: its rate is 1.
 */

const ts = (day: string) => `${day}T00:00:00Z`;

/** Customers of a scope, as a condition on `customers c` (current segment / account manager). */
export const scopeCondition = (scope: ResolvedScope): SQL =>
  customerScope(scope, sql`c.account_manager_id`);

/** `amount` in the reporting currency, given the joined rate `rate`. */
const converted = (amount: SQL, currency: SQL, rate: SQL, reporting: string) =>
  sql`case when ${currency} = ${reporting}::text then ${amount} else ${amount} * ${rate} end`;
const rateMissing = (currency: SQL, rate: SQL, reporting: string) =>
  sql`(${currency} <> ${reporting}::text and ${rate} is null)`;

export interface BaseOptions {
  scope: ResolvedScope;
  period: Period;
  currency: string;
  /** further condition on `customers c`, e.g. what the caller may see */
  extra?: SQL;
}

/**
 * The common CTEs: `sc` (customers of the scope), `ttm` (per customer with revenue,
 * Σ converted revenue of the 12 months ending with the period's last month, and how
 * many of those rows lack a rate) and `active` (customers active at T with ttm and
 * NPS class). Revenue is aggregated straight from the table, not through a
 * materialised row set, so the cost stays one pass over the window's rows.
 *
 * Class: the latest NPS answer with T − 365 days ≤ responded_at < T, ties broken by
 * the greater external_id (byte order, so both servers agree whatever their locale).
 */
export function baseCtes(o: BaseOptions): SQL {
  const win = ttmWindow(o.period);
  const T = ts(o.period.end);
  return sql`
  sc as (
    select c.id, c.external_id, c.name, c.segment_id, c.account_manager_id, c.acquired_on, c.churned_on
    from customers c
    where ${scopeCondition(o.scope)} and ${o.extra ?? sql`true`}
  ),
  ttm as (
    select r.customer_id,
      sum(${converted(sql`r.amount`, sql`r.currency`, sql`fx.rate`, o.currency)}) as ttm,
      count(*) filter (where ${rateMissing(sql`r.currency`, sql`fx.rate`, o.currency)}) as missing
    from revenue r
    join sc on sc.id = r.customer_id
    left join fx_rates fx on fx.month = r.month and fx.currency = r.currency
    where r.month >= ${win.from}::date and r.month < ${win.to}::date
    group by r.customer_id
  ),
  active as (
    select sc.id, coalesce(t.ttm, 0) as ttm, n.score as nps_score,
      case when n.score is null then 'unknown' when n.score >= 9 then 'promoter'
           when n.score >= 7 then 'passive' else 'detractor' end as class
    from sc
    left join ttm t on t.customer_id = sc.id
    left join lateral (
      select r.score from responses r
      where r.customer_id = sc.id and r.kind = 'nps'
        and r.responded_at >= ${T}::timestamptz - interval '365 days'
        and r.responded_at < ${T}::timestamptz
      order by r.responded_at desc, r.external_id collate "C" desc
      limit 1
    ) n on true
    where sc.acquired_on < ${o.period.end}::date
      and (sc.churned_on is null or sc.churned_on >= ${o.period.end}::date)
  )`;
}

/** Month start of a date, without time-zone conversions. */
const monthOf = (d: SQL) => sql`date_trunc('month', ${d}::timestamp)::date`;

interface MoneyRow extends Record<string, unknown> {
  promoters: number;
  promoters_ttm: string;
  passives: number;
  passives_ttm: string;
  detractors: number;
  detractors_ttm: string;
  unknown: number;
  unknown_ttm: string;
  churned: number;
  churned_ttm: string;
  recovered: number;
  recovered_ttm: string;
  actions: number;
  actions_cost: string;
  missing_fx: number;
}

/**
 * One statement for every input of the money model of a scope and period:
 * - active customers at T by class (count, Σ ttm);
 * - customers churned in the period (churned_on in [start, end)), Σ ttm_at_churn over
 *   the 12 months ending with the month before churn;
 * - valid complaints resolved in the period and recovered (churned_on empty or later
 *   than the UTC date of resolved_at + 90 days), Σ ttm at T of their customer, counted
 *   once per complaint;
 * - recovery actions performed in the period on complaints (any validity) of the
 *   scope's customers, converted at the rate of the performed_at month.
 */
export async function moneyInputs(
  db: Executor,
  scope: ResolvedScope,
  period: Period,
  currency: string,
  /** what the caller may see, as a condition on `customers c` (api/src/auth/access.ts) */
  visible?: SQL,
): Promise<MoneyInputs> {
  const S = ts(period.start);
  const T = ts(period.end);
  const byClass = (name: string, cls: string) =>
    sql`count(*) filter (where class = ${cls}::text)::int as ${sql.raw(name)},
        coalesce(sum(ttm) filter (where class = ${cls}::text), 0)::text as ${sql.raw(`${name}_ttm`)}`;

  const rows = await queryRows<MoneyRow>(
    db,
    sql`with ${baseCtes({ scope, period, currency, ...(visible ? { extra: visible } : {}) })},
    churned as (
      -- few customers: their revenue rows are reached through the (customer, month) key
      select sc.id,
        coalesce(sum(${converted(sql`r.amount`, sql`r.currency`, sql`fx.rate`, currency)}), 0) as ttm,
        count(r.month) filter (where ${rateMissing(sql`r.currency`, sql`fx.rate`, currency)}) as missing
      from sc
      left join revenue r on r.customer_id = sc.id
        and r.month >= (${monthOf(sql`sc.churned_on`)} - interval '12 months')::date
        and r.month < ${monthOf(sql`sc.churned_on`)}
      left join fx_rates fx on fx.month = r.month and fx.currency = r.currency
      where sc.churned_on >= ${period.start}::date and sc.churned_on < ${period.end}::date
      group by sc.id
    ),
    recovered as (
      select coalesce(t.ttm, 0) as ttm
      from complaints k
      join sc on sc.id = k.customer_id
      left join ttm t on t.customer_id = k.customer_id
      where k.validity = 'valid'
        and k.resolved_at >= ${S}::timestamptz and k.resolved_at < ${T}::timestamptz
        and (sc.churned_on is null
             or sc.churned_on > (k.resolved_at at time zone 'UTC')::date + 90)
    ),
    actions as (
      select ${converted(sql`a.cost`, sql`a.currency`, sql`fx.rate`, currency)} as cost,
        ${rateMissing(sql`a.currency`, sql`fx.rate`, currency)} as missing
      from recovery_actions a
      join complaints k on k.id = a.complaint_id
      join sc on sc.id = k.customer_id
      left join fx_rates fx on fx.currency = a.currency
        and fx.month = ${monthOf(sql`(a.performed_at at time zone 'UTC')`)}
      where a.performed_at >= ${S}::timestamptz and a.performed_at < ${T}::timestamptz
    )
    select cl.*, ch.*, rc.*, ac.*,
      ((select coalesce(sum(missing), 0) from ttm) + (select coalesce(sum(missing), 0) from churned)
        + (select count(*) from actions where missing))::int
        as missing_fx
    from (
      select ${byClass('promoters', 'promoter')}, ${byClass('passives', 'passive')},
             ${byClass('detractors', 'detractor')}, ${byClass('unknown', 'unknown')}
      from active
    ) cl,
    (select count(*)::int as churned, coalesce(sum(ttm), 0)::text as churned_ttm from churned) ch,
    (select count(*)::int as recovered, coalesce(sum(ttm), 0)::text as recovered_ttm from recovered) rc,
    (select count(*)::int as actions, coalesce(sum(cost), 0)::text as actions_cost from actions) ac`,
  );
  const r = rows[0]!;
  if (r.missing_fx > 0) await throwMissingRates(db, currency);
  return {
    classes: {
      promoter: { n: r.promoters, ttm: r.promoters_ttm },
      passive: { n: r.passives, ttm: r.passives_ttm },
      detractor: { n: r.detractors, ttm: r.detractors_ttm },
      unknown: { n: r.unknown, ttm: r.unknown_ttm },
    },
    churned: { n: r.churned, ttm: r.churned_ttm },
    recovered: { n: r.recovered, ttm: r.recovered_ttm },
    actions: { n: r.actions, cost: r.actions_cost },
  };
}

/**
 * The import refuses amounts without a rate, so this only happens when the reporting
 * currency setting changed after import: say which rates are missing rather than
 * silently leaving amounts out.
 */
export async function throwMissingRates(db: Executor, currency: string): Promise<never> {
  const missing = await queryRows<{ month: string; currency: string }>(
    db,
    sql`select distinct to_char(x.month, 'YYYY-MM') as month, x.currency from (
          select r.month, r.currency from revenue r
          union all
          select ${monthOf(sql`(a.performed_at at time zone 'UTC')`)}, a.currency from recovery_actions a
        ) x
        left join fx_rates fx on fx.month = x.month and fx.currency = x.currency
        where x.currency <> ${currency}::text and fx.rate is null
        order by 1, 2 limit 20`,
  );
  throw unprocessable(
    `No FX rate to ${currency} for ${missing.map((m) => `${m.currency} ${m.month}`).join(', ')}`,
    { missing, reporting_currency: currency },
  );
}
