import { type Executor, queryRows } from '@delight/db';
import { type SQL, sql } from 'drizzle-orm';
import type { Period } from '../lib/period';
import { customerScope, type ResolvedScope } from '../lib/scope';

const ts = (day: string) => sql`${`${day}T00:00:00Z`}::timestamptz`;

/**
 * Complaints of a scope as a condition on `complaints k` / `customers c`: segment and
 * manager by the customer's current segment, employee by the complaint's handler
 * (as the complaint KPIs).
 */
const complaintScope = (scope: ResolvedScope): SQL => customerScope(scope, sql`k.employee_id`);
/** Responses of a scope, on `responses r` / `customers c`. */
function responseScope(scope: ResolvedScope): SQL {
  if (scope.kind === 'employee') return sql`r.employee_id = ${scope.dbId}`;
  return complaintScope(scope);
}

export interface EffectivenessRow extends Record<string, unknown> {
  /** a recovery kind, or `none` (complaints with no action: the baseline) */
  kind: string;
  n: number;
  recovered: number;
  uplift_n: number;
  uplift_sum: number | null;
  after_n: number;
  after_promoters: number;
  after_detractors: number;
  cost: string;
  missing_fx: number;
}

export interface ParadoxRow extends Record<string, unknown> {
  recovered_after_n: number;
  recovered_after_promoters: number;
  recovered_after_detractors: number;
  calm_n: number;
  calm_promoters: number;
  calm_detractors: number;
}

/**
 * Recovery effectiveness (DESIGN.md, Closed loop), one statement: valid complaints
 * resolved in the period, each with `before` (the customer's latest NPS score in the
 * 365 days before opened_at), `after` (their first NPS score in the 180 days after
 * resolved_at) and recovered (the recovery_rate rule); grouped by each recovery kind
 * they have (a complaint with several kinds counts in each) and `none`. Costs are the
 * actions of that kind on those complaints, in the reporting currency at the rate of
 * each action's month. The second row set holds the recovery-paradox inputs.
 */
export async function effectivenessRows(
  db: Executor,
  period: Period,
  scope: ResolvedScope,
  currency: string,
): Promise<{ rows: EffectivenessRow[]; paradox: ParadoxRow }> {
  const lo = ts(period.start);
  const hi = ts(period.end);
  const resolved = sql`
    resolved as (
      select k.id, k.customer_id,
        (c.churned_on is null or c.churned_on > (k.resolved_at at time zone 'UTC')::date + 90) as recovered,
        (select r.score from responses r where r.customer_id = k.customer_id and r.kind = 'nps'
           and r.responded_at < k.opened_at and r.responded_at >= k.opened_at - interval '365 days'
         order by r.responded_at desc, r.external_id collate "C" desc limit 1)::int as before,
        (select r.score from responses r where r.customer_id = k.customer_id and r.kind = 'nps'
           and r.responded_at > k.resolved_at and r.responded_at <= k.resolved_at + interval '180 days'
         order by r.responded_at asc, r.external_id collate "C" asc limit 1)::int as after
      from complaints k join customers c on c.id = k.customer_id
      where k.validity = 'valid' and k.resolved_at >= ${lo} and k.resolved_at < ${hi}
        and ${complaintScope(scope)}
    ),
    acts as (
      select a.complaint_id, a.kind::text as kind,
        sum(case when a.currency = ${currency}::text then a.cost else a.cost * fx.rate end) as cost,
        count(*) filter (where a.currency <> ${currency}::text and fx.rate is null)::int as missing
      from recovery_actions a
      join resolved on resolved.id = a.complaint_id
      left join fx_rates fx on fx.currency = a.currency
        and fx.month = date_trunc('month', a.performed_at at time zone 'UTC')::date
      group by a.complaint_id, a.kind
    )`;
  const rows = await queryRows<EffectivenessRow>(
    db,
    sql`with ${resolved},
    grouped as (
      select a.kind, r.recovered, r.before, r.after, a.cost, a.missing
      from resolved r join acts a on a.complaint_id = r.id
      union all
      select 'none', r.recovered, r.before, r.after, 0::numeric, 0
      from resolved r where not exists (select 1 from acts a where a.complaint_id = r.id)
    )
    select kind, count(*)::int as n, count(*) filter (where recovered)::int as recovered,
      count(*) filter (where before is not null and after is not null)::int as uplift_n,
      sum(after - before) filter (where before is not null and after is not null)::int as uplift_sum,
      count(after)::int as after_n,
      count(*) filter (where after >= 9)::int as after_promoters,
      count(*) filter (where after <= 6)::int as after_detractors,
      coalesce(sum(cost), 0)::text as cost, coalesce(sum(missing), 0)::int as missing_fx
    from grouped group by kind order by kind`,
  );
  const [paradox] = await queryRows<ParadoxRow>(
    db,
    sql`with ${resolved},
    calm as (
      -- NPS answers of the period by customers with no valid complaint opened in the
      -- 365 days before the period end
      select r.score from responses r join customers c on c.id = r.customer_id
      where r.kind = 'nps' and r.responded_at >= ${lo} and r.responded_at < ${hi}
        and ${responseScope(scope)}
        and not exists (select 1 from complaints k2 where k2.customer_id = r.customer_id
          and k2.validity = 'valid' and k2.opened_at >= ${hi} - interval '365 days' and k2.opened_at < ${hi})
    )
    select
      (select count(after) from resolved where recovered)::int as recovered_after_n,
      (select count(*) from resolved where recovered and after >= 9)::int as recovered_after_promoters,
      (select count(*) from resolved where recovered and after <= 6)::int as recovered_after_detractors,
      (select count(*) from calm)::int as calm_n,
      (select count(*) from calm where score >= 9)::int as calm_promoters,
      (select count(*) from calm where score <= 6)::int as calm_detractors`,
  );
  return {
    rows: rows.map((r) => ({
      ...r,
      n: Number(r.n),
      recovered: Number(r.recovered),
      uplift_n: Number(r.uplift_n),
      uplift_sum: r.uplift_sum === null ? null : Number(r.uplift_sum),
      after_n: Number(r.after_n),
      after_promoters: Number(r.after_promoters),
      after_detractors: Number(r.after_detractors),
      missing_fx: Number(r.missing_fx),
    })),
    paradox: Object.fromEntries(
      Object.entries(paradox!).map(([k, v]) => [k, Number(v)]),
    ) as ParadoxRow,
  };
}
