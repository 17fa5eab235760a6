import type { Executor } from '@delight/db';
import { assumptionsForPeriod } from '../assumptions/store';
import { visibleCustomers } from '../auth/access';
import type { Principal } from '../auth/principal';
import { Dec, roundMoney } from '../lib/decimal';
import type { Period } from '../lib/period';
import { formatScope, type ResolvedScope } from '../lib/scope';
import { classYears, NPS_CLASSES, type NpsClass } from '../money/math';
import { type CustomerSort, costToServe, customerPage, recoveryLogPage } from './queries';

const at = (v: unknown) =>
  v === null || v === undefined ? null : new Date(String(v)).toISOString();
const score = (s: number | null, when: unknown) => (s === null ? null : { score: s, at: at(when) });

export interface CustomerListQuery {
  sort: CustomerSort;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** The segment manager's customer list: one page of active customers at T. */
export async function listCustomers(
  db: Executor,
  principal: Principal,
  period: Period,
  scope: ResolvedScope,
  currency: string,
  q: CustomerListQuery,
) {
  const version = await assumptionsForPeriod(db, period);
  const yrs = classYears(version.values);
  const clvFactor = Object.fromEntries(
    NPS_CLASSES.map((k) => [k, new Dec(version.values.gross_margin).times(yrs[k]).toString()]),
  ) as Record<NpsClass, string>;
  const { rows, total } = await customerPage(db, {
    scope,
    period,
    currency,
    visible: visibleCustomers(principal),
    clvFactor,
    sort: q.sort,
    dir: q.dir,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return {
    period: period.key,
    scope: formatScope(scope),
    currency,
    sort: q.sort,
    dir: q.dir,
    page: q.page,
    page_size: q.pageSize,
    total,
    assumptions: { id: version.id, valid_from: version.validFrom },
    customers: rows.map((r) => ({
      external_id: r.external_id,
      name: r.name,
      segment: r.segment,
      account_manager: r.account_manager,
      acquired_on: r.acquired_on,
      churned_on: r.churned_on,
      ttm: roundMoney(r.ttm, currency),
      nps_class: r.class,
      latest: {
        nps: score(r.latest_nps, r.latest_nps_at),
        csat: score(r.latest_csat, r.latest_csat_at),
        ces: score(r.latest_ces, r.latest_ces_at),
      },
      open_complaints: r.open_complaints,
      revenue_at_risk: roundMoney(r.revenue_at_risk, currency),
      clv: roundMoney(r.clv, currency),
    })),
  };
}

/** The let-go list (cost to serve over margin, or ≥ 3 unfounded complaints). */
export async function letGoList(
  db: Executor,
  principal: Principal,
  period: Period,
  scope: ResolvedScope,
  currency: string,
) {
  const version = await assumptionsForPeriod(db, period);
  const rows = await costToServe(db, {
    scope,
    period,
    currency,
    visible: visibleCustomers(principal),
    grossMargin: version.values.gross_margin,
  });
  return {
    period: period.key,
    scope: formatScope(scope),
    currency,
    gross_margin: version.values.gross_margin,
    assumptions: { id: version.id, valid_from: version.validFrom },
    customers: rows.map((r) => ({
      external_id: r.external_id,
      name: r.name,
      segment: r.segment,
      account_manager: r.account_manager,
      ttm: roundMoney(r.ttm, currency),
      margin: roundMoney(r.margin, currency),
      recovery_cost: roundMoney(r.recovery_cost, currency),
      recovery_actions: r.recovery_actions,
      unfounded_complaints: r.unfounded_complaints,
      reasons: [
        ...(r.cost_exceeds_margin ? ['cost_exceeds_margin'] : []),
        ...(r.unfounded_complaints >= 3 ? ['unfounded_complaints'] : []),
      ],
    })),
  };
}

/**
 * The recovery log (My segments): recovery actions performed in the period within the
 * scope, newest first, one page; totals by kind over the whole period. The reporting
 * cost of each action is exact (not rounded), so the log sums to `recovery_cost`.
 */
export async function recoveryLog(
  db: Executor,
  principal: Principal,
  period: Period,
  scope: ResolvedScope,
  currency: string,
  q: { page: number; pageSize: number },
) {
  const { rows, byKind } = await recoveryLogPage(db, {
    scope,
    period,
    currency,
    visible: visibleCustomers(principal),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const total = byKind.reduce((s, k) => s + k.actions, 0);
  const cost = byKind.reduce((s, k) => s.plus(k.reporting_cost), new Dec(0));
  return {
    period: period.key,
    scope: formatScope(scope),
    currency,
    page: q.page,
    page_size: q.pageSize,
    total,
    totals: {
      actions: total,
      reporting_cost: roundMoney(cost, currency),
      by_kind: byKind.map((k) => ({
        kind: k.kind,
        actions: k.actions,
        reporting_cost: roundMoney(k.reporting_cost, currency),
      })),
    },
    actions: rows.map((r) => ({
      external_id: r.external_id,
      performed_at: r.performed_at,
      kind: r.kind,
      cost: r.cost,
      currency: r.currency,
      reporting_cost: r.reporting_cost,
      complaint: { external_id: r.complaint, validity: r.validity, severity: r.severity },
      customer: { external_id: r.customer, name: r.customer_name },
      employee: { external_id: r.employee, name: r.employee_name },
    })),
  };
}
