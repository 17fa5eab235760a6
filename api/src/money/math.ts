import type { AssumptionValues } from '@delight/db';
import type Decimal from 'decimal.js';
import { Dec, roundMoney } from '../lib/decimal';

/**
 * The money model of DESIGN.md (Money), as pure functions of per-scope sums and
 * counts that SQL aggregates. Every clv-based figure is linear in ttm within an NPS
 * class, so the sums per class are all the model needs: Σ clv(c) over a class is
 * ttm_sum × gross_margin × years(churn_p[class]). That also makes the sensitivity
 * table a recomputation from the same inputs, with no further query.
 *
 * Decimals stay `Dec` (exact, 40 digits) until `formatFigures` rounds half-even.
 */

export const NPS_CLASSES = ['promoter', 'passive', 'detractor', 'unknown'] as const;
export type NpsClass = (typeof NPS_CLASSES)[number];

/** Count and ttm sum (reporting currency, decimal string) of one group of customers. */
export interface Group {
  n: number;
  ttm: string;
}

/** What SQL hands the model for one scope and period. */
export interface MoneyInputs {
  /** active customers at T by the class of their latest NPS answer */
  classes: Record<NpsClass, Group>;
  /** customers churned in the period; `ttm` = Σ ttm_at_churn */
  churned: Group;
  /** recovered valid complaints resolved in the period; `ttm` = Σ ttm at T of their customer */
  recovered: Group;
  /** recovery actions performed in the period and their converted cost */
  actions: { n: number; cost: string };
}

export const MONEY_FIGURES = [
  'ttm_revenue',
  'revenue_at_risk',
  'expected_churn_loss',
  'avg_clv',
  'promoter_referral_value',
  'detractor_word_of_mouth_cost',
  'lost_customer_cost',
  'recovery_value',
  'recovery_cost',
  'recovery_roi',
] as const;
export type MoneyFigure = (typeof MONEY_FIGURES)[number];

/** Unrounded figures; null where the figure is undefined (no active customer, no cost). */
export type ExactFigures = Record<MoneyFigure, Dec | null>;

/** Figures as the API serves them: amounts as half-even strings, roi as a number. */
export type MoneyFigures = Record<Exclude<MoneyFigure, 'avg_clv' | 'recovery_roi'>, string> & {
  avg_clv: string | null;
  recovery_roi: number | null;
};

/** `years(p) = Σ_{y=0}^{H−1} (1 − p)^y`: expected years a customer stays within the horizon. */
export function years(p: Decimal.Value, horizonYears: Decimal.Value): Dec {
  const h = new Dec(horizonYears).toNumber();
  if (!Number.isInteger(h) || h < 0) throw new Error(`horizon_years must be whole, got ${h}`);
  const keep = new Dec(1).minus(p);
  let sum = new Dec(0);
  let term = new Dec(1);
  for (let y = 0; y < h; y++) {
    sum = sum.plus(term);
    term = term.times(keep);
  }
  return sum;
}

/** years(churn_p[class]) for each class. */
export function classYears(a: AssumptionValues): Record<NpsClass, Dec> {
  return {
    promoter: years(a.churn_p.promoter, a.horizon_years),
    passive: years(a.churn_p.passive, a.horizon_years),
    detractor: years(a.churn_p.detractor, a.horizon_years),
    unknown: years(a.churn_p.unknown, a.horizon_years),
  };
}

/** `clv(c) = ttm(c) × gross_margin × years(churn_p[class(c)])`. */
export function clv(ttm: Decimal.Value, npsClass: NpsClass, a: AssumptionValues): Dec {
  return new Dec(ttm).times(a.gross_margin).times(classYears(a)[npsClass]);
}

/** NPS class of a 0–10 score; no score in the window is `unknown`. */
export function npsClass(score: number | null): NpsClass {
  if (score === null) return 'unknown';
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

export function activeCount(inputs: MoneyInputs): number {
  return NPS_CLASSES.reduce((n, k) => n + inputs.classes[k].n, 0);
}

/** Every figure of the scope, unrounded. */
export function computeFigures(inputs: MoneyInputs, a: AssumptionValues): ExactFigures {
  const yrs = classYears(a);
  const gm = new Dec(a.gross_margin);
  const ttm = (k: NpsClass) => new Dec(inputs.classes[k].ttm);
  const active = activeCount(inputs);

  const ttmRevenue = NPS_CLASSES.reduce((s, k) => s.plus(ttm(k)), new Dec(0));
  const expectedChurnLoss = NPS_CLASSES.reduce(
    (s, k) => s.plus(ttm(k).times(a.churn_p[k])),
    new Dec(0),
  );
  const clvSum = NPS_CLASSES.reduce((s, k) => s.plus(ttm(k).times(gm).times(yrs[k])), new Dec(0));
  const avgClv = active === 0 ? null : clvSum.div(active);
  // An empty scope has no average customer: its word-of-mouth terms are 0 (Precise readings).
  const perPersonTold = (tells: string) =>
    avgClv === null ? new Dec(0) : new Dec(tells).times(a.influence).times(avgClv);

  const referral = perPersonTold(a.happy_tells).times(inputs.classes.promoter.n);
  const wordOfMouth = perPersonTold(a.unhappy_tells).times(inputs.classes.detractor.n);
  const lost = new Dec(inputs.churned.ttm)
    .times(gm)
    .times(yrs.unknown)
    .plus(perPersonTold(a.unhappy_tells).times(inputs.churned.n));
  const recoveryValue = new Dec(inputs.recovered.ttm)
    .times(gm)
    .times(yrs.unknown.minus(yrs.detractor));
  const recoveryCost = new Dec(inputs.actions.cost);
  const roi = recoveryCost.isZero() ? null : recoveryValue.minus(recoveryCost).div(recoveryCost);

  return {
    ttm_revenue: ttmRevenue,
    revenue_at_risk: ttm('detractor'),
    expected_churn_loss: expectedChurnLoss,
    avg_clv: avgClv,
    promoter_referral_value: referral,
    detractor_word_of_mouth_cost: wordOfMouth,
    lost_customer_cost: lost,
    recovery_value: recoveryValue,
    recovery_cost: recoveryCost,
    recovery_roi: roi,
  };
}

/** The one rounding: half-even to the currency's minor unit; roi stays a number. */
export function formatFigures(exact: ExactFigures, currency: string): MoneyFigures {
  const money = (v: Dec | null) => roundMoney(v ?? 0, currency);
  return {
    ttm_revenue: money(exact.ttm_revenue),
    revenue_at_risk: money(exact.revenue_at_risk),
    expected_churn_loss: money(exact.expected_churn_loss),
    avg_clv: exact.avg_clv === null ? null : money(exact.avg_clv),
    promoter_referral_value: money(exact.promoter_referral_value),
    detractor_word_of_mouth_cost: money(exact.detractor_word_of_mouth_cost),
    lost_customer_cost: money(exact.lost_customer_cost),
    recovery_value: money(exact.recovery_value),
    recovery_cost: money(exact.recovery_cost),
    recovery_roi: exact.recovery_roi === null ? null : exact.recovery_roi.toNumber(),
  };
}

// ---------------------------------------------------------------------------
// Sensitivity: how much each figure rests on each guess.

export const SENSITIVITY_ASSUMPTIONS = [
  'gross_margin',
  'horizon_years',
  'churn_p.promoter',
  'churn_p.passive',
  'churn_p.detractor',
  'churn_p.unknown',
  'happy_tells',
  'unhappy_tells',
  'influence',
] as const;
export type SensitivityAssumption = (typeof SENSITIVITY_ASSUMPTIONS)[number];

export function assumptionValue(a: AssumptionValues, key: SensitivityAssumption): string {
  if (key.startsWith('churn_p.')) return a.churn_p[key.slice(8) as NpsClass];
  return a[key as Exclude<SensitivityAssumption, `churn_p.${string}`>];
}

/** A copy of the assumptions with one value replaced. */
export function withAssumption(
  a: AssumptionValues,
  key: SensitivityAssumption,
  value: string,
): AssumptionValues {
  if (key.startsWith('churn_p.')) {
    return { ...a, churn_p: { ...a.churn_p, [key.slice(8)]: value } };
  }
  return { ...a, [key]: value };
}

const SHARES = new Set<SensitivityAssumption>([
  'gross_margin',
  'influence',
  'churn_p.promoter',
  'churn_p.passive',
  'churn_p.detractor',
  'churn_p.unknown',
]);

/**
 * The assumption moved by `factor` (0.8 or 1.2). Shares are capped at 1 (a churn
 * probability of 1.08 means nothing); the horizon is a sum over whole years, so it
 * moves to the nearest whole year (half-even), at least 1. The value actually used is
 * reported beside the result.
 */
export function movedValue(
  a: AssumptionValues,
  key: SensitivityAssumption,
  factor: string,
): string {
  let v = new Dec(assumptionValue(a, key)).times(factor);
  if (key === 'horizon_years') v = Dec.max(1, v.toDecimalPlaces(0, Dec.ROUND_HALF_EVEN));
  if (SHARES.has(key)) v = Dec.min(1, v);
  return v.toString();
}

export interface SensitivityCase {
  value: string;
  figures: MoneyFigures;
}
export interface SensitivityRow {
  assumption: SensitivityAssumption;
  base: string;
  low: SensitivityCase;
  high: SensitivityCase;
}

/** For each assumption, every figure with the assumption at −20 % and +20 %. */
export function sensitivity(
  inputs: MoneyInputs,
  a: AssumptionValues,
  currency: string,
): SensitivityRow[] {
  const at = (key: SensitivityAssumption, factor: string): SensitivityCase => {
    const value = movedValue(a, key, factor);
    return {
      value,
      figures: formatFigures(computeFigures(inputs, withAssumption(a, key, value)), currency),
    };
  };
  return SENSITIVITY_ASSUMPTIONS.map((key) => ({
    assumption: key,
    base: assumptionValue(a, key),
    low: at(key, '0.8'),
    high: at(key, '1.2'),
  }));
}
