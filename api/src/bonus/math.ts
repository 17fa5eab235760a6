import type { BelowMin } from '@delight/db';
import { exactValue, type KpiBasis, shrinkable, shrunkValue } from '../kpis/math';
import { KPI_BETTER, type KpiKey } from '../kpis/types';
import { minorUnits } from '../lib/decimal';
import {
  exactText,
  fixedHalfEven,
  ONE,
  type Q,
  q,
  ratio,
  sumQ,
  toNumber,
  ZERO,
} from '../lib/exact';
import type { PlanLine } from '../plans/schema';
import { fallbackText } from './texts';

/**
 * Pure bonus math (DESIGN.md "Bonus plans", "Precise readings → Bonus" and "Fair
 * numbers on small samples"): achievement curve, fallbacks below the minimum sample,
 * shrinkage, re-weighting after exclusions, proration and the final amount.
 *
 * Everything is an exact rational (lib/exact): KPI values from their counts, plan
 * numbers from the decimals that were written, weights, achievements, contributions
 * and proration. Numbers in the answer are the nearest doubles of those exact values,
 * for JSON; the exact ones travel beside them (`exact`) so the HR CSV, the statement
 * and a closed period's snapshot print the half-even rounding of the exact value.
 */

export type Curve = Pick<
  PlanLine,
  'threshold' | 'target' | 'stretch' | 'payout_at_threshold' | 'cap'
>;

/** A plan line as the math reads it (shrink may be left out: 0, off). */
export type LineSpec = Omit<PlanLine, 'shrink'> & { shrink?: number };

/**
 * Achievement of one line for a KPI value, exactly: 0 below threshold, linear from
 * payout_at_threshold (at threshold) to 1 (at target), linear from 1 to cap (at
 * stretch), cap beyond. For lower-is-better KPIs the axis is reversed, which the
 * signed distances below do by themselves (threshold > target > stretch).
 */
export function achievementQ(curve: Curve, better: 'higher' | 'lower', value: Q): Q {
  const threshold = q(curve.threshold);
  const target = q(curve.target);
  const stretch = q(curve.stretch);
  const floor = q(curve.payout_at_threshold);
  const cap = q(curve.cap);
  // distance in the better direction: positive means better than the reference
  const ahead = (ref: Q) => (better === 'higher' ? value.sub(ref) : ref.sub(value));
  if (ahead(threshold).compare(0) < 0) return ZERO;
  if (ahead(stretch).compare(0) >= 0) return cap;
  if (ahead(target).compare(0) < 0) {
    return floor.add(ONE.sub(floor).mul(value.sub(threshold)).div(target.sub(threshold)));
  }
  return ONE.add(cap.sub(1).mul(value.sub(target)).div(stretch.sub(target)));
}

/** The same on doubles (a value taken at its shortest decimal), for callers that have one. */
export const achievement = (curve: Curve, better: 'higher' | 'lower', value: number): number =>
  toNumber(achievementQ(curve, better, q(value)));

/** A KPI as measured over one scope. */
export interface Measured {
  value: number | null;
  n: number;
  /** NPS only */
  moe?: number | null;
  /** the counts behind the value (exact value, shrinkage); absent: the value's decimal */
  basis?: KpiBasis;
}

/** The exact value of a measurement: from its counts, else from the double's decimal. */
export function exactOf(m: Measured): Q | null {
  if (m.basis) return exactValue(m.basis);
  return m.value === null ? null : q(m.value);
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
  /**
   * The shrinkage prior (lines with shrink > 0): the segment's counts, or the company's
   * when the employee has no segment or the segment has n = 0.
   */
  prior?: { scope: string; measured: Measured } | null;
}

/**
 * The shrinkage prior of a line (DESIGN.md): the employee's segment in the same period,
 * or the company's when they have no segment or the segment has n = 0. Null when the
 * line is not shrunk (k = 0) or there is nothing to pull toward.
 */
export function shrinkPrior(
  k: number,
  segmentScope: string | null,
  segment: Measured,
  company: Measured | null,
): { scope: string; measured: Measured } | null {
  if (k <= 0) return null;
  if (segmentScope !== null && segment.n > 0) return { scope: segmentScope, measured: segment };
  return company && company.n > 0 ? { scope: 'company', measured: company } : null;
}

/** Machine code of how a line's value was chosen (null: the own value counts). */
export type Fallback = null | 'segment' | 'segment_below_min' | 'neutral' | 'exclude';

/** Shrinkage of one line (DESIGN.md): raw, prior, k and the shrunk value used. */
export interface Shrinkage {
  k: number;
  raw: number | null;
  prior: number | null;
  prior_scope: string;
  prior_n: number;
  shrunk: number | null;
}

/** Exact values of a line, as fraction text ("27/160"), for printing and snapshots. */
export interface ExactLine {
  value: string | null;
  achievement: string | null;
  effective_weight: string;
  contribution: string;
}

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
  /** `fallback` in words, for people (null when the own value counts) */
  fallback_text: string | null;
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
  /** prior strength k of the line (0 = off) */
  shrink: number;
  /** when k > 0 and the own value counts: raw, prior, k, shrunk */
  shrinkage: Shrinkage | null;
  exact: ExactLine;
}

/**
 * Below the minimum means n < min_sample. A value that is null while n ≥ min_sample
 * (only possible with min_sample 0 and no data) is treated as below the minimum as
 * well: there is nothing to measure achievement on.
 */
const usable = (m: Measured, minSample: number): boolean => m.value !== null && m.n >= minSample;

type Evaluated = Omit<BonusLine, 'effective_weight' | 'contribution' | 'exact'> & {
  exactValue: Q | null;
  exactAchievement: Q | null;
};

function evaluateOne(line: LineSpec, input: LineInputs): Evaluated {
  const better = KPI_BETTER[line.kpi];
  const isNps = line.kpi === 'nps';
  const k = line.shrink ?? 0;
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
    fallback_text: null as string | null,
    ...(isNps ? { moe: input.own.moe ?? null } : {}),
    achievement: null as number | null,
    better,
    threshold: line.threshold,
    target: line.target,
    stretch: line.stretch,
    payout_at_threshold: line.payout_at_threshold,
    cap: line.cap,
    below_min: line.below_min,
    shrink: k,
    shrinkage: null as Shrinkage | null,
    exactValue: exactOf(input.own),
    exactAchievement: null as Q | null,
  };
  const withAchievement = (e: Evaluated, a: Q): Evaluated => ({
    ...e,
    achievement: toNumber(a),
    exactAchievement: a,
  });
  const fallback = (e: Evaluated, code: Exclude<Fallback, null>): Evaluated => ({
    ...e,
    fallback: code,
    fallback_text: fallbackText(code, e),
  });

  if (usable(input.own, line.min_sample)) {
    const raw = base.exactValue!;
    const prior = input.prior;
    if (k > 0 && prior && input.own.basis && prior.measured.basis && shrinkable(input.own.basis)) {
      const shrunk = shrunkValue(input.own.basis, prior.measured.basis, q(k)) ?? raw;
      const priorValue = exactValue(prior.measured.basis);
      const shrinkage: Shrinkage = {
        k,
        raw: toNumber(raw),
        prior: priorValue === null ? null : toNumber(priorValue),
        prior_scope: prior.scope,
        prior_n: prior.measured.n,
        shrunk: toNumber(shrunk),
      };
      return withAchievement(
        { ...base, value: toNumber(shrunk), exactValue: shrunk, shrinkage },
        achievementQ(line, better, shrunk),
      );
    }
    return withAchievement(base, achievementQ(line, better, raw));
  }
  if (line.below_min === 'neutral') return withAchievement(fallback(base, 'neutral'), ONE);
  if (line.below_min === 'exclude') return fallback(base, 'exclude');
  // segment: the employee's segment value, or 100 % when that is below the minimum too
  const seg = input.segment ?? { value: null, n: 0, moe: null };
  if (input.segmentScope !== null && usable(seg, line.min_sample)) {
    const v = exactOf(seg)!;
    return withAchievement(
      fallback(
        {
          ...base,
          source: input.segmentScope,
          value: seg.value,
          n: seg.n,
          ...(isNps ? { moe: seg.moe ?? null } : {}),
          exactValue: v,
        },
        'segment',
      ),
      achievementQ(line, better, v),
    );
  }
  return withAchievement(fallback({ ...base, segment_n: seg.n }, 'segment_below_min'), ONE);
}

/**
 * Evaluates every line of a plan: picks the value (own, shrunk, segment fallback), the
 * achievement, then re-normalises weights over the lines that are not excluded. If
 * every line is excluded the total achievement is 1 (DESIGN.md). Exact throughout.
 */
export function evaluateLines(
  lines: readonly LineSpec[],
  inputs: LineInputs[],
): { lines: BonusLine[]; total_achievement: number; exact_total: Q } {
  const evaluated = lines.map((line, i) => evaluateOne(line, inputs[i]!));
  const weights = lines.map((l) => q(l.weight));
  const keptWeight = sumQ(weights.filter((_, i) => evaluated[i]!.exactAchievement !== null));
  const contributions: Q[] = [];
  const result = evaluated.map((e, i): BonusLine => {
    const { exactValue: v, exactAchievement: a, ...line } = e;
    const effective = a === null ? ZERO : weights[i]!.div(keptWeight);
    const contribution = a === null ? ZERO : effective.mul(a);
    contributions.push(contribution);
    return {
      ...line,
      effective_weight: toNumber(effective),
      contribution: toNumber(contribution),
      exact: {
        value: v === null ? null : exactText(v),
        achievement: a === null ? null : exactText(a),
        effective_weight: exactText(effective),
        contribution: exactText(contribution),
      },
    };
  });
  // exact weights sum to 1 and each achievement is at most its cap, so Σ w·a never
  // passes the largest cap (no float clamp needed any more)
  const total = keptWeight.equals(0) ? ONE : sumQ(contributions);
  return { lines: result, total_achievement: toNumber(total), exact_total: total };
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

/** total_achievement × days / period_days, exactly: what the bonus target is multiplied by. */
export const payoutFactor = (total: Q, days: number, periodDays: number): Q =>
  total.mul(ratio(days, periodDays));

/**
 * bonus_target × total_achievement × days / period_days, exact, rounded half-even once,
 * to the currency's minor unit. A double achievement is taken at its shortest decimal.
 */
export function bonusAmount(
  bonusTarget: string,
  totalAchievement: Q | number,
  days: number,
  periodDays: number,
  currency: string,
): string {
  const total = typeof totalAchievement === 'number' ? q(totalAchievement) : totalAchievement;
  const exact = q(bonusTarget).mul(payoutFactor(total, days, periodDays));
  return fixedHalfEven(exact, minorUnits(currency));
}
