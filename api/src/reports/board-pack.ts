import type { Db } from '@delight/db';
import type { Principal } from '../auth/principal';
import { figuresStatus, loadPeriodState, plansInForce, planVersionsUsed } from '../bonus/service';
import { kpiAnswer, kpiBreakdown, kpiTrend } from '../kpis/service';
import type { KpiAnswer, KpiBreakdown, KpiTrend } from '../kpis/types';
import { type Period, parsePeriod, previousPeriod } from '../lib/period';
import type { ResolvedScope } from '../lib/scope';
import { computeMoney, type MoneyAnswer } from '../money/service';
import { dataAsOf, scopeName } from './queries';

/** Months the NPS trend covers, ending with the period's last month (as the overview). */
export const TREND_MONTHS = 13;
/**
 * The champions are the overview's leaderboard: employees ranked by NPS among those with
 * at least this many answers. Keep equal to the dashboard's minimum (a setting once
 * issue 16 lands), so the board pack and the screen rank the same people.
 */
export const CHAMPIONS_MIN_N = 5;
/** Champions listed in the pack (the best of the ranked). */
export const CHAMPIONS_SHOWN = 10;

/** Everything the executive board pack prints, each part exactly as its JSON route answers. */
export interface BoardPackData {
  period: Period;
  scope: ResolvedScope;
  /** segment or employee name; null for the company */
  scopeName: string | null;
  /** `GET /api/kpis?period&scope` */
  kpis: KpiAnswer;
  /** `GET /api/kpis/trend?scope&from&to&grain=month` over TREND_MONTHS months */
  trend: KpiTrend;
  /** `GET /api/money?period&scope` */
  money: MoneyAnswer;
  /** `GET /api/kpis/breakdown?period&by=segment` (the segments the caller may see) */
  segments: KpiBreakdown;
  /** `GET /api/kpis/breakdown?period&by=employee&sort=nps&min_n=CHAMPIONS_MIN_N` */
  champions: KpiBreakdown;
  /** `{plan key: valid_from}` of the period's bonus plans (frozen ones once closed) */
  plans: Record<string, string>;
  status: 'open' | 'closed';
  closedAt: string | null;
  /** the latest instant recorded in the data */
  dataAsOf: string | null;
}

/** The month key of the period's last month: 2026-Q1 → 2026-03. */
export function lastMonthOf(period: Period): Period {
  return previousPeriod(parsePeriod(period.end.slice(0, 7)));
}

/** `[from, to]` month keys of the trend: TREND_MONTHS months ending with the period's last. */
export function trendRange(period: Period): { from: string; to: string } {
  const to = lastMonthOf(period);
  let from = to;
  for (let i = 1; i < TREND_MONTHS; i++) from = previousPeriod(from);
  return { from: from.key, to: to.key };
}

/**
 * Reads every part of the pack through the same services as the JSON routes, in one
 * read-only repeatable-read transaction: all figures come from one snapshot of the data,
 * so an import landing meanwhile cannot make page 1 and page 2 disagree. The caller's
 * access to the scope is checked by the route before (authorizedScope, money data);
 * the breakdowns are filtered to what the caller may see, as their routes are.
 */
export function boardPackData(
  database: Db,
  principal: Principal,
  period: Period,
  scope: ResolvedScope,
  reportingCurrency: string,
): Promise<BoardPackData> {
  return database.transaction(
    async (tx) => {
      const { from, to } = trendRange(period);
      const kpis = await kpiAnswer(tx, period, scope);
      const trend = await kpiTrend(tx, scope, from, to, 'month');
      const money = await computeMoney(tx, period, scope, reportingCurrency);
      const segments = await kpiBreakdown(tx, principal, period, 'segment', 'nps', 0);
      const champions = await kpiBreakdown(
        tx,
        principal,
        period,
        'employee',
        'nps',
        CHAMPIONS_MIN_N,
      );
      const state = await loadPeriodState(tx, period);
      const plans =
        state.status === 'closed'
          ? (state.plan_versions ?? {})
          : planVersionsUsed(await plansInForce(tx, period));
      return {
        period,
        scope,
        scopeName: await scopeName(tx, scope),
        kpis,
        trend,
        money,
        segments,
        champions,
        plans,
        status: figuresStatus(state),
        closedAt: state.closed_at,
        dataAsOf: await dataAsOf(tx),
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
