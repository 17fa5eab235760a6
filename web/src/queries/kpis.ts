import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, json } from '../api/client';
import type { KpiKey } from '../lib/kpis';

export type KpiAnswer = InferResponseType<typeof api.kpis.$get, 200>;
export type TrendAnswer = InferResponseType<typeof api.kpis.trend.$get, 200>;
export type TrendPoint = TrendAnswer['points'][number];
export type BreakdownAnswer = InferResponseType<typeof api.kpis.breakdown.$get, 200>;
export type BreakdownRow = BreakdownAnswer['rows'][number];
export type BreakdownBy = BreakdownAnswer['by'];

/** A KPI as every answer carries it (NPS adds its margin of error). */
export interface KpiValue {
  value: number | null;
  n: number;
  moe?: number | null;
}

// Keys are hierarchical so `invalidateQueries({ queryKey: ['kpis'] })` refreshes them all.
export const kpisQuery = (period: string, scope: string) =>
  queryOptions({
    queryKey: ['kpis', period, scope] as const,
    queryFn: () => json<KpiAnswer>(api.kpis.$get({ query: { period, scope } })),
  });

export const trendQuery = (scope: string, from: string, to: string) =>
  queryOptions({
    queryKey: ['kpis', 'trend', scope, from, to] as const,
    queryFn: () =>
      json<TrendAnswer>(api.kpis.trend.$get({ query: { scope, from, to, grain: 'month' } })),
  });

/** League of segments / managers / employees; rows below `minN` answers are not ranked. */
export const breakdownQuery = (period: string, by: BreakdownBy, sort: KpiKey = 'nps', minN = 0) =>
  queryOptions({
    queryKey: ['kpis', 'breakdown', period, by, sort, minN] as const,
    queryFn: () =>
      json<BreakdownAnswer>(
        api.kpis.breakdown.$get({ query: { period, by, sort, min_n: String(minN) } }),
      ),
  });

/** The previous period's value of a KPI (the answer nests it beside the current one). */
export function previousKpi(answer: KpiAnswer, key: KpiKey): KpiValue | null {
  return answer.kpis[key]?.previous ?? null;
}
