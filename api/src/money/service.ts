import type { AssumptionValues, Executor } from '@delight/db';
import type Decimal from 'decimal.js';
import type { SQL } from 'drizzle-orm';
import { type AssumptionVersion, assumptionsForPeriod } from '../assumptions/store';
import { type Dec, roundMoney } from '../lib/decimal';
import type { Period } from '../lib/period';
import { formatScope, type ResolvedScope } from '../lib/scope';
import {
  activeCount,
  classYears,
  computeFigures,
  type ExactFigures,
  formatFigures,
  type MoneyFigure,
  type MoneyFigures,
  type MoneyInputs,
  type SensitivityRow,
  sensitivity,
} from './math';
import { moneyInputs } from './queries';

export interface MoneyCounts {
  active_customers: number;
  promoters: number;
  passives: number;
  detractors: number;
  unknown: number;
  churned_in_period: number;
  recovered_complaints: number;
  recovery_actions: number;
}

export interface AssumptionsUsed {
  /** null while no version is stored and the DESIGN.md defaults apply */
  id: number | null;
  valid_from: string | null;
  values: AssumptionValues;
}

export interface MoneyAnswer {
  period: string;
  scope: string;
  currency: string;
  figures: MoneyFigures;
  counts: MoneyCounts;
  assumptions: AssumptionsUsed;
}

interface MoneyModel {
  inputs: MoneyInputs;
  version: AssumptionVersion;
}

/**
 * Inputs from SQL and the assumption version of the period (`assumptionsForPeriod`:
 * in force at the period's start, or the one stored when the period was closed).
 */
export async function loadModel(
  db: Executor,
  period: Period,
  scope: ResolvedScope,
  currency: string,
  visible?: SQL,
): Promise<MoneyModel> {
  const [inputs, version] = await Promise.all([
    moneyInputs(db, scope, period, currency, visible),
    assumptionsForPeriod(db, period),
  ]);
  return { inputs, version };
}

const used = (v: AssumptionVersion): AssumptionsUsed => ({
  id: v.id,
  valid_from: v.validFrom,
  values: v.values,
});

export function countsOf(inputs: MoneyInputs): MoneyCounts {
  return {
    active_customers: activeCount(inputs),
    promoters: inputs.classes.promoter.n,
    passives: inputs.classes.passive.n,
    detractors: inputs.classes.detractor.n,
    unknown: inputs.classes.unknown.n,
    churned_in_period: inputs.churned.n,
    recovered_complaints: inputs.recovered.n,
    recovery_actions: inputs.actions.n,
  };
}

/** The `GET /api/money` answer; reused by the dashboard and bonus work. */
export async function computeMoney(
  db: Executor,
  period: Period,
  scope: ResolvedScope,
  reportingCurrency: string,
  /** what the caller may see (api/src/auth/access.ts visibleCustomers); all when absent */
  visible?: SQL,
): Promise<MoneyAnswer> {
  const { inputs, version } = await loadModel(db, period, scope, reportingCurrency, visible);
  return {
    period: period.key,
    scope: formatScope(scope),
    currency: reportingCurrency,
    figures: formatFigures(computeFigures(inputs, version.values), reportingCurrency),
    counts: countsOf(inputs),
    assumptions: used(version),
  };
}

/**
 * `POST /api/money/preview`: the `GET /api/money` answer with typed assumption values
 * instead of the stored version. The SQL inputs do not depend on the assumptions, so
 * the figures are exact, not an approximation; nothing is stored (`id` and
 * `valid_from` are null).
 */
export async function previewMoney(
  db: Executor,
  period: Period,
  scope: ResolvedScope,
  reportingCurrency: string,
  values: AssumptionValues,
): Promise<MoneyAnswer> {
  const inputs = await moneyInputs(db, scope, period, reportingCurrency);
  return {
    period: period.key,
    scope: formatScope(scope),
    currency: reportingCurrency,
    figures: formatFigures(computeFigures(inputs, values), reportingCurrency),
    counts: countsOf(inputs),
    assumptions: { id: null, valid_from: null, values },
  };
}

export interface SensitivityAnswer {
  period: string;
  scope: string;
  currency: string;
  factors: { low: string; high: string };
  figures: MoneyFigures;
  assumptions: AssumptionsUsed;
  rows: SensitivityRow[];
}

/** Each figure with each assumption at −20 % and +20 % (the others unchanged). */
export async function moneySensitivity(
  db: Executor,
  period: Period,
  scope: ResolvedScope,
  currency: string,
  visible?: SQL,
): Promise<SensitivityAnswer> {
  const { inputs, version } = await loadModel(db, period, scope, currency, visible);
  return {
    period: period.key,
    scope: formatScope(scope),
    currency,
    factors: { low: '0.8', high: '1.2' },
    figures: formatFigures(computeFigures(inputs, version.values), currency),
    assumptions: used(version),
    rows: sensitivity(inputs, version.values, currency),
  };
}

// ---------------------------------------------------------------------------
// Explain: "how is this computed" beside every figure.

type AssumptionKey =
  | 'gross_margin'
  | 'horizon_years'
  | 'churn_p'
  | 'happy_tells'
  | 'unhappy_tells'
  | 'influence';

interface FigureDoc {
  formula: string;
  assumptions: AssumptionKey[];
  inputs: (
    i: MoneyInputs,
    ctx: { currency: string; avgClv: Dec | null; exact: ExactFigures },
  ) => Record<string, unknown>;
}

const AVG_CLV_WORDS =
  'avg_clv is the mean over active customers of ttm × gross_margin × years(churn_p[class]), with years(p) = Σ_{y=0}^{H−1} (1 − p)^y';

const money = (v: Decimal.Value, currency: string) => roundMoney(v, currency);
const classInputs = (i: MoneyInputs, currency: string) => ({
  active_customers: activeCount(i),
  ...Object.fromEntries(
    (['promoter', 'passive', 'detractor', 'unknown'] as const).map((k) => [
      k,
      { customers: i.classes[k].n, ttm_sum: money(i.classes[k].ttm, currency) },
    ]),
  ),
});
const avg = (ctx: { currency: string; avgClv: Dec | null }) =>
  ctx.avgClv === null ? null : money(ctx.avgClv, ctx.currency);

const FIGURE_DOCS: Record<MoneyFigure, FigureDoc> = {
  ttm_revenue: {
    formula:
      "Sum of the revenue of customers active at the period's end over the 12 calendar months ending with the period's last month, each amount converted at the FX rate of its month.",
    assumptions: [],
    inputs: (i, c) => classInputs(i, c.currency),
  },
  revenue_at_risk: {
    formula:
      "Sum of the ttm revenue of active customers whose latest NPS answer in the 365 days before the period's end makes them detractors (score 0–6).",
    assumptions: [],
    inputs: (i, c) => ({
      detractors: i.classes.detractor.n,
      detractor_ttm_sum: money(i.classes.detractor.ttm, c.currency),
    }),
  },
  expected_churn_loss: {
    formula:
      'Sum over active customers of ttm × churn_p[class], class being promoter, passive, detractor, or unknown when they gave no NPS answer in the last 365 days.',
    assumptions: ['churn_p'],
    inputs: (i, c) => classInputs(i, c.currency),
  },
  avg_clv: {
    formula: `${AVG_CLV_WORDS}. Empty scope: none.`,
    assumptions: ['gross_margin', 'horizon_years', 'churn_p'],
    inputs: (i, c) => ({ ...classInputs(i, c.currency), avg_clv: avg(c) }),
  },
  promoter_referral_value: {
    formula: `Number of active promoters × happy_tells × influence × avg_clv (${AVG_CLV_WORDS}); 0 for an empty scope.`,
    assumptions: ['happy_tells', 'influence', 'gross_margin', 'horizon_years', 'churn_p'],
    inputs: (i, c) => ({ promoters: i.classes.promoter.n, avg_clv: avg(c) }),
  },
  detractor_word_of_mouth_cost: {
    formula: `Number of active detractors × unhappy_tells × influence × avg_clv (${AVG_CLV_WORDS}); 0 for an empty scope.`,
    assumptions: ['unhappy_tells', 'influence', 'gross_margin', 'horizon_years', 'churn_p'],
    inputs: (i, c) => ({ detractors: i.classes.detractor.n, avg_clv: avg(c) }),
  },
  lost_customer_cost: {
    formula:
      'For each customer churned in the period: ttm_at_churn × gross_margin × years(churn_p.unknown) + unhappy_tells × influence × avg_clv; ttm_at_churn is the revenue of the 12 months ending with the month before churn.',
    assumptions: ['gross_margin', 'horizon_years', 'churn_p', 'unhappy_tells', 'influence'],
    inputs: (i, c) => ({
      churned_in_period: i.churned.n,
      ttm_at_churn_sum: money(i.churned.ttm, c.currency),
      avg_clv: avg(c),
    }),
  },
  recovery_value: {
    formula:
      "For each valid complaint resolved in the period whose customer did not churn within 90 days after resolution: the customer's ttm × gross_margin × (years(churn_p.unknown) − years(churn_p.detractor)). Recovery restores ordinary retention; no loyalty bonus is assumed.",
    assumptions: ['gross_margin', 'horizon_years', 'churn_p'],
    inputs: (i, c) => ({
      recovered_complaints: i.recovered.n,
      customers_ttm_sum: money(i.recovered.ttm, c.currency),
    }),
  },
  recovery_cost: {
    formula:
      'Sum of the cost of recovery actions performed in the period, on complaints of any validity, each converted at the FX rate of the month it was performed.',
    assumptions: [],
    inputs: (i, c) => ({
      recovery_actions: i.actions.n,
      cost_sum: money(i.actions.cost, c.currency),
    }),
  },
  recovery_roi: {
    formula:
      '(recovery_value − recovery_cost) / recovery_cost, from the unrounded value and cost; none when the cost is 0.',
    assumptions: ['gross_margin', 'horizon_years', 'churn_p'],
    inputs: (i, c) => ({
      recovered_complaints: i.recovered.n,
      recovery_value: money(c.exact.recovery_value!, c.currency),
      recovery_actions: i.actions.n,
      recovery_cost: money(i.actions.cost, c.currency),
    }),
  },
};

export interface ExplainAnswer {
  period: string;
  scope: string;
  currency: string;
  figure: MoneyFigure;
  value: string | number | null;
  formula: string;
  assumptions: {
    id: number | null;
    valid_from: string | null;
    values: Partial<AssumptionValues>;
    /** years(churn_p[class]) over the horizon, where the figure uses them */
    years?: Record<string, string>;
  };
  inputs: Record<string, unknown>;
}

export async function explainFigure(
  db: Executor,
  period: Period,
  scope: ResolvedScope,
  currency: string,
  figure: MoneyFigure,
  visible?: SQL,
): Promise<ExplainAnswer> {
  const { inputs, version } = await loadModel(db, period, scope, currency, visible);
  const a = version.values;
  const exact = computeFigures(inputs, a);
  const doc = FIGURE_DOCS[figure];
  const values = Object.fromEntries(
    doc.assumptions.map((k) => [k, a[k]]),
  ) as Partial<AssumptionValues>;
  const yearsUsed = doc.assumptions.includes('horizon_years')
    ? Object.fromEntries(Object.entries(classYears(a)).map(([k, v]) => [k, v.toString()]))
    : undefined;
  return {
    period: period.key,
    scope: formatScope(scope),
    currency,
    figure,
    value: formatFigures(exact, currency)[figure],
    formula: doc.formula,
    assumptions: {
      id: version.id,
      valid_from: version.validFrom,
      values,
      ...(yearsUsed ? { years: yearsUsed } : {}),
    },
    inputs: doc.inputs(inputs, { currency, avgClv: exact.avg_clv, exact }),
  };
}
