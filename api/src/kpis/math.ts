import type { KpiKey, KpiSet, KpiValue, NpsValue } from './types';
import { KPI_BETTER } from './types';

/**
 * Pure KPI math from the counts SQL returns. SQL does the aggregation (counts, sums,
 * medians); these turn counts into the reported values so the formulas live in one
 * place with unit tests.
 */

/** Counts one scope and period rest on, as aggregated in SQL. */
export interface KpiCounts {
  npsN: number;
  promoters: number;
  detractors: number;
  csatN: number;
  csatGood: number;
  cesN: number;
  cesSum: number;
  firstResponseN: number;
  /** median hours, null when there is no complaint */
  firstResponseMedian: number | null;
  resolvedN: number;
  resolutionMedian: number | null;
  followedUp: number;
  recovered: number;
  retentionBase: number;
  retained: number;
}

export const EMPTY_COUNTS: KpiCounts = {
  npsN: 0,
  promoters: 0,
  detractors: 0,
  csatN: 0,
  csatGood: 0,
  cesN: 0,
  cesSum: 0,
  firstResponseN: 0,
  firstResponseMedian: null,
  resolvedN: 0,
  resolutionMedian: null,
  followedUp: 0,
  recovered: 0,
  retentionBase: 0,
  retained: 0,
};

/** 100 × share; null when the sample is empty. */
export function percent(part: number, n: number): number | null {
  return n === 0 ? null : (100 * part) / n;
}

/** NPS = 100 × (promoters − detractors) / n, null when n = 0. */
export function npsValue(promoters: number, detractors: number, n: number): number | null {
  return n === 0 ? null : (100 * (promoters - detractors)) / n;
}

/** 95 % margin of error of an NPS: 1.96 × 100 × sqrt((p + d − (p − d)²) / n). */
export function npsMoe(promoters: number, detractors: number, n: number): number | null {
  if (n === 0) return null;
  const p = promoters / n;
  const d = detractors / n;
  // p + d − (p − d)² ≥ 0 mathematically; clamp float noise (all promoters: 1 − 1 may be −ε).
  const variance = Math.max(0, p + d - (p - d) ** 2);
  return 1.96 * 100 * Math.sqrt(variance / n);
}

export function mean(sum: number, n: number): number | null {
  return n === 0 ? null : sum / n;
}

/**
 * Median as DESIGN.md defines it (even count: mean of the two middle values). SQL uses
 * percentile_cont(0.5), which is the same; this reference serves the unit tests.
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const value = (v: number | null, n: number): KpiValue => ({ value: n === 0 ? null : v, n });

/** The eight KPIs of DESIGN.md from one scope's counts. */
export function kpisFromCounts(c: KpiCounts): KpiSet {
  const nps: NpsValue = {
    value: npsValue(c.promoters, c.detractors, c.npsN),
    n: c.npsN,
    moe: npsMoe(c.promoters, c.detractors, c.npsN),
    promoters: c.promoters,
    detractors: c.detractors,
  };
  return {
    nps,
    csat: value(percent(c.csatGood, c.csatN), c.csatN),
    ces: value(mean(c.cesSum, c.cesN), c.cesN),
    first_response_h: value(c.firstResponseMedian, c.firstResponseN),
    resolution_h: value(c.resolutionMedian, c.resolvedN),
    follow_up_rate: value(percent(c.followedUp, c.resolvedN), c.resolvedN),
    recovery_rate: value(percent(c.recovered, c.resolvedN), c.resolvedN),
    retention_rate: value(percent(c.retained, c.retentionBase), c.retentionBase),
  };
}

/**
 * Orders rows for a league table: best value of the KPI first (by its better
 * direction), rows without a value last, ties by the given label.
 */
export function compareForLeague(
  key: KpiKey,
  a: { value: number | null; label: string },
  b: { value: number | null; label: string },
): number {
  if (a.value === null || b.value === null) {
    if (a.value === b.value) return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
    return a.value === null ? 1 : -1;
  }
  const diff = KPI_BETTER[key] === 'higher' ? b.value - a.value : a.value - b.value;
  if (diff !== 0) return diff;
  return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
}
