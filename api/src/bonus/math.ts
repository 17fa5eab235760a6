import type { BelowMin } from '@delight/db';
import { KPI_BETTER, type KpiKey } from '../kpis/types';
import { Dec, roundMoney } from '../lib/decimal';
import type { PlanLine } from '../plans/schema';

/**
 * Pure bonus math (DESIGN.md "Bonus plans" and "Precise readings → Bonus"):
 * achievement curve, fallbacks below the minimum sample, re-weighting after
 * exclusions, proration and the final amount. No rounding before the amount.
 */

export type Curve = Pick<
  PlanLine,
  'threshold' | 'target' | 'stretch' | 'payout_at_threshold' | 'cap'
>;

/**
 * Achievement of one line for a KPI value: 0 below threshold, linear from
 * payout_at_threshold (at threshold) to 1 (at target), linear from 1 to cap (at
 * stretch), cap beyond. For lower-is-better KPIs the axis is reversed, which the
 * signed distances below do by themselves (threshold > target > stretch).
 */
export function achievement(curve: Curve, better: 'higher' | 'lower', value: number): number {
  const { threshold, target, stretch, payout_at_threshold: floor, cap } = curve;
  // distance in the better direction: positive means better than the reference
  const ahead = (ref: number) => (better === 'higher' ? value - ref : ref - value);
  if (ahead(threshold) < 0) return 0;
  if (ahead(stretch) >= 0) return cap;
  if (ahead(target) < 0) {
    return floor + ((1 - floor) * (value - threshold)) / (target - threshold);
  }
  return 1 + ((cap - 1) * (value - target)) / (stretch - target);
}

/** A KPI as measured over one scope. */
export interface Measured {
  value: number | null;
  n: number;
  /** NPS only */
  moe?: number | null;
}

/** What a line rests on: the employee's (or manager's) own scope, and the segment's. */
export interface LineInputs {
  kpi: KpiKey;
  ownScope: string;
  own: Measured;
  /** the employee's segment scope (`segment:S1`), null when the employee has none */
  segmentScope: string | null;
  /** measured only when the segment fallback is tried */
  segment: Measured | null;
}

export type Fallback = null | 'segment' | 'segment_below_min' | 'neutral' | 'exclude';

export interface BonusLine {
  kpi: KpiKey;
  own_value: number | null;
  own_n: number;
  /** the scope whose value is used */
  source: string;
  value: number | null;
  n: number;
  weight: number;
  min_sample: number;
  fallback: Fallback;
  moe?: number | null;
  /** when the segment fallback was tried and was itself below the minimum */
  segment_n?: number;
  /** null when the line is excluded */
  achievement: number | null;
  effective_weight: number;
  contribution: number;
  // Extras for the statement (not in the golden shape, which allows additions).
  better: 'higher' | 'lower';
  threshold: number;
  target: number;
  stretch: number;
  payout_at_threshold: number;
  cap: number;
  below_min: BelowMin;
}

/**
 * Below the minimum means n < min_sample. A value that is null while n ≥ min_sample
 * (only possible with min_sample 0 and no data) is treated as below the minimum as
 * well: there is nothing to measure achievement on.
 */
const usable = (m: Measured, minSample: number): m is Measured & { value: number } =>
  m.value !== null && m.n >= minSample;

/**
 * Evaluates every line of a plan: picks the value (own, segment fallback), the
 * achievement, then re-normalises weights over the lines that are not excluded.
 * If every line is excluded the total achievement is 1 (DESIGN.md).
 */
export function evaluateLines(
  lines: PlanLine[],
  inputs: LineInputs[],
): { lines: BonusLine[]; total_achievement: number } {
  const evaluated = lines.map((line, i): Omit<BonusLine, 'effective_weight' | 'contribution'> => {
    const input = inputs[i]!;
    const better = KPI_BETTER[line.kpi];
    const isNps = line.kpi === 'nps';
    const base = {
      kpi: line.kpi,
      own_value: input.own.value,
      own_n: input.own.n,
      source: input.ownScope,
      value: input.own.value,
      n: input.own.n,
      weight: line.weight,
      min_sample: line.min_sample,
      fallback: null as Fallback,
      ...(isNps ? { moe: input.own.moe ?? null } : {}),
      achievement: null as number | null,
      better,
      threshold: line.threshold,
      target: line.target,
      stretch: line.stretch,
      payout_at_threshold: line.payout_at_threshold,
      cap: line.cap,
      below_min: line.below_min,
    };
    if (usable(input.own, line.min_sample)) {
      return { ...base, achievement: achievement(line, better, input.own.value) };
    }
    if (line.below_min === 'neutral') return { ...base, fallback: 'neutral', achievement: 1 };
    if (line.below_min === 'exclude') return { ...base, fallback: 'exclude' };
    // segment: the employee's segment value, or 100 % when that is below the minimum too
    const seg = input.segment ?? { value: null, n: 0, moe: null };
    if (input.segmentScope !== null && usable(seg, line.min_sample)) {
      return {
        ...base,
        source: input.segmentScope,
        value: seg.value,
        n: seg.n,
        ...(isNps ? { moe: seg.moe ?? null } : {}),
        fallback: 'segment',
        achievement: achievement(line, better, seg.value),
      };
    }
    return { ...base, fallback: 'segment_below_min', segment_n: seg.n, achievement: 1 };
  });
  const keptWeight = evaluated.reduce((s, l) => (l.achievement === null ? s : s + l.weight), 0);
  const result = evaluated.map((l): BonusLine => {
    const effective = l.achievement === null ? 0 : l.weight / keptWeight;
    return {
      ...l,
      effective_weight: effective,
      contribution: l.achievement === null ? 0 : effective * l.achievement,
    };
  });
  // Σ w·a can only exceed the largest cap by float error; clamp so the amount never does.
  const maxCap = Math.max(1, ...result.filter((l) => l.achievement !== null).map((l) => l.cap));
  const total =
    keptWeight === 0
      ? 1
      : Math.min(
          maxCap,
          result.reduce((s, l) => s + l.contribution, 0),
        );
  return { lines: result, total_achievement: total };
}

const DAY_MS = 86_400_000;
const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;

/**
 * Days d of the period [start, end) with hired_on ≤ d and (no left_on or d ≤ left_on),
 * and the period's length. left_on is the last day worked (inclusive).
 */
export function prorationDays(
  period: { start: string; end: string },
  hiredOn: string,
  leftOn: string | null,
): { days: number; period_days: number } {
  const start = dayNumber(period.start);
  const end = dayNumber(period.end);
  const from = Math.max(start, dayNumber(hiredOn));
  const to = leftOn === null ? end : Math.min(end, dayNumber(leftOn) + 1);
  return { days: Math.max(0, to - from), period_days: end - start };
}

/**
 * bonus_target × total_achievement × days / period_days, exact in decimal (the double
 * achievement is taken at its shortest printed value), rounded half-even once, to
 * the currency's minor unit.
 */
export function bonusAmount(
  bonusTarget: string,
  totalAchievement: number,
  days: number,
  periodDays: number,
  currency: string,
): string {
  const exact = new Dec(bonusTarget)
    .times(new Dec(String(totalAchievement)))
    .times(days)
    .dividedBy(periodDays);
  return roundMoney(exact, currency);
}
