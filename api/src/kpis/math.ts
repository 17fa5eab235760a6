import { HUNDRED, type Q, q, ratio } from '../lib/exact';
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
  /** the same sum as an exact integer text (SQL bigint) */
  cesSumExact?: string;
  firstResponseN: number;
  /** median hours, null when there is no complaint */
  firstResponseMedian: number | null;
  /** the same median in exact seconds (SQL numeric text); hours = seconds / 3600 */
  firstResponseMedianSeconds?: string | null;
  resolvedN: number;
  resolutionMedian: number | null;
  resolutionMedianSeconds?: string | null;
  followedUp: number;
  recovered: number;
  retentionBase: number;
  retained: number;
  /** closed loop (kpis/closed-loop.ts): NPS answers 0–6 of the period */
  detractorAnswers?: number;
  /** of them, contacted at or before responded_at + sla_hours */
  detractorContactedInSla?: number;
  /** of them, contacted at all (the sample of detractor_contact_h) */
  detractorContactN?: number;
  /** median seconds from answer to first contact (SQL numeric text) */
  detractorContactMedianSeconds?: string | null;
  /** retention base that was dissatisfied at the start, and how many of them stayed */
  heldBase?: number;
  held?: number;
  /** customers acquired in the period */
  acquired?: number;
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
    detractor_contact_rate: value(
      percent(c.detractorContactedInSla ?? 0, c.detractorAnswers ?? 0),
      c.detractorAnswers ?? 0,
    ),
    detractor_contact_h: value(
      c.detractorContactMedianSeconds == null
        ? null
        : Number(c.detractorContactMedianSeconds) / 3600,
      c.detractorContactN ?? 0,
    ),
    held_dissatisfied_rate: value(percent(c.held ?? 0, c.heldBase ?? 0), c.heldBase ?? 0),
    acquired: value(c.acquired ?? 0, c.acquired ?? 0),
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

/**
 * What a KPI value is made of, exactly: the counts behind it (DESIGN.md, Fair numbers
 * on small samples). NPS from promoters and detractors; CSAT and every rate from the
 * count of successes x of n (100 × x / n); CES from the sum of scores; the hour
 * medians only as their exact value (a median is never shrunk).
 */
export type KpiBasis =
  | { kind: 'nps'; n: number; promoters: number; detractors: number }
  | { kind: 'share'; n: number; x: number }
  | { kind: 'mean'; n: number; sum: Q }
  | { kind: 'median'; n: number; value: Q | null }
  /** a count (acquired): value = n; never shrunk, no change test */
  | { kind: 'count'; n: number };

const hoursOf = (seconds: string | null | undefined, hours: number | null): Q | null => {
  if (seconds != null) return q(seconds).div(3600);
  return hours === null ? null : q(hours);
};

export function kpiBasis(c: KpiCounts, key: KpiKey): KpiBasis {
  switch (key) {
    case 'nps':
      return { kind: 'nps', n: c.npsN, promoters: c.promoters, detractors: c.detractors };
    case 'csat':
      return { kind: 'share', n: c.csatN, x: c.csatGood };
    case 'ces':
      return { kind: 'mean', n: c.cesN, sum: q(c.cesSumExact ?? c.cesSum) };
    case 'first_response_h':
      return {
        kind: 'median',
        n: c.firstResponseN,
        value: hoursOf(c.firstResponseMedianSeconds, c.firstResponseMedian),
      };
    case 'resolution_h':
      return {
        kind: 'median',
        n: c.resolvedN,
        value: hoursOf(c.resolutionMedianSeconds, c.resolutionMedian),
      };
    case 'follow_up_rate':
      return { kind: 'share', n: c.resolvedN, x: c.followedUp };
    case 'recovery_rate':
      return { kind: 'share', n: c.resolvedN, x: c.recovered };
    case 'retention_rate':
      return { kind: 'share', n: c.retentionBase, x: c.retained };
    case 'detractor_contact_rate':
      return { kind: 'share', n: c.detractorAnswers ?? 0, x: c.detractorContactedInSla ?? 0 };
    case 'detractor_contact_h':
      return {
        kind: 'median',
        n: c.detractorContactN ?? 0,
        value: hoursOf(c.detractorContactMedianSeconds, null),
      };
    case 'held_dissatisfied_rate':
      return { kind: 'share', n: c.heldBase ?? 0, x: c.held ?? 0 };
    case 'acquired':
      return { kind: 'count', n: c.acquired ?? 0 };
  }
}

/** The exact value of a KPI from its basis; null when n = 0. */
export function exactValue(b: KpiBasis): Q | null {
  if (b.n === 0) return null;
  switch (b.kind) {
    case 'nps':
      return HUNDRED.mul(ratio(b.promoters - b.detractors, b.n));
    case 'share':
      return HUNDRED.mul(ratio(b.x, b.n));
    case 'mean':
      return b.sum.div(b.n);
    case 'median':
      return b.value;
    case 'count':
      return q(b.n);
  }
}

/** Can this KPI be shrunk? Every one but the hour medians. */
export const shrinkable = (b: KpiBasis): boolean => b.kind !== 'median' && b.kind !== 'count';

/**
 * The shrunk value (DESIGN.md): the own counts pulled toward the prior's value with
 * prior strength k, exactly:
 * - NPS `100 × ((P + k·p₀) − (D + k·d₀)) / (n + k)`, p₀ and d₀ the prior's shares;
 * - CSAT and rates `100 × (x + k·r₀) / (n + k)`;
 * - CES `(Σ score + k·m₀) / (n + k)`.
 * k = 0 gives the raw value; a median, a prior with n = 0 or of another kind, or
 * n + k = 0, gives the raw value too (nothing to pull toward).
 */
export function shrunkValue(own: KpiBasis, prior: KpiBasis, k: Q): Q | null {
  const raw = exactValue(own);
  if (
    k.equals(0) ||
    own.kind === 'median' ||
    own.kind === 'count' ||
    prior.n === 0 ||
    own.kind !== prior.kind
  )
    return raw;
  const weight = k.add(own.n);
  switch (own.kind) {
    case 'nps': {
      const p = prior as Extract<KpiBasis, { kind: 'nps' }>;
      const net = q(own.promoters - own.detractors).add(
        k.mul(ratio(p.promoters - p.detractors, p.n)),
      );
      return HUNDRED.mul(net).div(weight);
    }
    case 'share': {
      const p = prior as Extract<KpiBasis, { kind: 'share' }>;
      return HUNDRED.mul(q(own.x).add(k.mul(ratio(p.x, p.n)))).div(weight);
    }
    case 'mean': {
      const p = prior as Extract<KpiBasis, { kind: 'mean' }>;
      return own.sum.add(k.mul(p.sum.div(p.n))).div(weight);
    }
  }
}

/**
 * Is a change from the previous period real (DESIGN.md, "Is a change real?")? NPS:
 * `|Δ| > sqrt(moe₁² + moe₂²)`; CSAT and the rate KPIs: `|Δ| > 1.96 × 100 ×
 * sqrt(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂)`. CES and the hour medians have no test in the spec
 * (`significant: null`), nor does a change with an empty side. The margin is a double:
 * it is shown, never paid.
 */
export interface ChangeTest {
  /** now − previous, null when either side has no value */
  delta: number | null;
  /** the noise band the change is compared with (same unit as the KPI) */
  margin: number | null;
  /** true: beyond the noise; false: within noise; null: no test applies */
  significant: boolean | null;
}

export function changeTest(now: KpiBasis, before: KpiBasis): ChangeTest {
  const a = exactValue(now);
  const b = exactValue(before);
  if (a === null || b === null) return { delta: null, margin: null, significant: null };
  const delta = a.sub(b).valueOf();
  let margin: number | null = null;
  if (now.kind === 'nps' && before.kind === 'nps') {
    const m1 = npsMoe(now.promoters, now.detractors, now.n)!;
    const m2 = npsMoe(before.promoters, before.detractors, before.n)!;
    margin = Math.sqrt(m1 * m1 + m2 * m2);
  } else if (now.kind === 'share' && before.kind === 'share') {
    const p1 = now.x / now.n;
    const p2 = before.x / before.n;
    margin = 1.96 * 100 * Math.sqrt((p1 * (1 - p1)) / now.n + (p2 * (1 - p2)) / before.n);
  }
  if (margin === null) return { delta, margin: null, significant: null };
  return { delta, margin, significant: Math.abs(delta) > margin };
}

/** The change test in words a manager reads (the codes stay in `significant`). */
export function changeText(t: ChangeTest): string | null {
  if (t.delta === null) return null;
  if (t.significant === null) return null;
  const band = `±${(Math.round(t.margin! * 10) / 10).toFixed(1)}`;
  return t.significant
    ? `A real change: larger than the ${band} that samples of this size move by chance.`
    : `Within noise: samples of this size move by up to ${band} by chance, so this change may mean nothing.`;
}
