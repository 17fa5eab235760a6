import { queryOptions } from '@tanstack/react-query';
import { getJson } from '../api/client';
import type { KpiKey } from '../lib/kpis';

export interface KpiValue {
  value: number | null;
  n: number;
  moe?: number | null;
  promoters?: number;
  detractors?: number;
}
export type KpiSet = Record<KpiKey, KpiValue>;

export interface KpiAnswer {
  period: string;
  scope: string;
  kpis: KpiSet;
  /** the same KPIs for the previous period of the same kind */
  previous?: { period: string; kpis: KpiSet } | KpiSet | null;
  complaints_unfounded?: number;
  complaints_pending?: number;
}

/** The previous period's value of a KPI, whichever way the answer nests it. */
export function previousKpi(answer: KpiAnswer, key: KpiKey): KpiValue | null {
  const prev = answer.previous;
  if (!prev) return null;
  const set =
    'kpis' in prev && typeof prev.kpis === 'object' ? (prev.kpis as KpiSet) : (prev as KpiSet);
  return set[key] ?? null;
}

export interface TrendPoint {
  period: string;
  kpis?: Partial<KpiSet>;
  /** flat form: `{ period, nps: { value, n, moe } }` */
  [key: string]: unknown;
}
export interface TrendAnswer {
  scope: string;
  points: TrendPoint[];
}

export interface BreakdownRow {
  /** external id of the segment / manager / employee */
  id: string;
  name: string;
  kpis: KpiSet;
  /** money (reporting currency) when the API joins it, e.g. ttm revenue of the segment */
  revenue?: string;
  [key: string]: unknown;
}
export interface BreakdownAnswer {
  period: string;
  by: 'segment' | 'manager' | 'employee';
  rows: BreakdownRow[];
}

// Keys are hierarchical so `invalidateQueries({ queryKey: ['kpis'] })` refreshes them all.
export const kpisQuery = (period: string, scope: string) =>
  queryOptions({
    queryKey: ['kpis', period, scope] as const,
    queryFn: () => getJson<KpiAnswer>('/api/kpis', { period, scope }),
  });

export const trendQuery = (scope: string, from: string, to: string) =>
  queryOptions({
    queryKey: ['kpis', 'trend', scope, from, to] as const,
    queryFn: () => getJson<TrendAnswer>('/api/kpis/trend', { scope, from, to, grain: 'month' }),
  });

export const breakdownQuery = (period: string, by: BreakdownAnswer['by']) =>
  queryOptions({
    queryKey: ['kpis', 'breakdown', period, by] as const,
    queryFn: () => getJson<BreakdownAnswer>('/api/kpis/breakdown', { period, by }),
  });

/** A KPI of a trend point in either nesting. */
export function trendKpi(point: TrendPoint, key: KpiKey): KpiValue | null {
  const nested = point.kpis?.[key];
  if (nested) return nested;
  const flat = point[key];
  return flat && typeof flat === 'object' ? (flat as KpiValue) : null;
}
