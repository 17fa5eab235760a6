import type { Translate } from '../i18n/useT';
import type { BonusLine, BonusRow } from '../queries/bonus';
import { formatDate, formatInteger, formatMoney, formatNumber, formatShare } from './format';
import { formatKpi, kpiName } from './kpis';

// The step-by-step bonus statement in words an employee reads (issue 16 point 1): KPI
// names, "your segment" / "the company" for scopes, values in their units, shares as
// percentages. Built from the row's fields, so the API keeps its codes and keys. The
// same statement is shown to the employee and to HR opening their row. Each step is
// whole sentences, one catalog message per sentence and case (statement.* in
// web/src/i18n/messages), never a sentence assembled from pieces.

/** A KPI value with its margin of error where it has one (NPS). */
function valueText(
  t: Translate,
  kpi: string,
  value: number | null,
  moe: number | null | undefined,
): string {
  if (value === null) return t('statement.noValue');
  return kpi === 'nps' && moe != null
    ? t('statement.valueMoe', { value: formatKpi(kpi, value), moe: formatNumber(moe, 1) })
    : formatKpi(kpi, value);
}

function valueStep(t: Translate, l: BonusLine): string {
  const kpi = kpiName(t, l.kpi);
  // the line's own margin of error belongs to the own value only when it is used
  const own = valueText(t, l.kpi, l.own_value, l.fallback === null ? l.moe : null);
  const n = formatInteger(l.own_n);
  const min = formatInteger(l.min_sample);
  const full = formatShare(1, 0);
  const measured =
    l.own_value === null
      ? t('statement.measured.none', { kpi, n })
      : t('statement.measured.own', { kpi, value: own, n });
  const used = (() => {
    switch (l.fallback) {
      case null:
        return t('statement.used.own', { min });
      case 'segment':
        return t('statement.used.segment', {
          min,
          value: valueText(t, l.kpi, l.value, l.moe),
          n: formatInteger(l.n),
        });
      case 'segment_below_min':
        return t('statement.used.segmentBelowMin', {
          min,
          n: formatInteger(l.segment_n ?? 0),
          full,
        });
      case 'neutral':
        return t('statement.used.neutral', { min, full });
      case 'exclude':
        return t('statement.used.exclude', { min });
      default:
        return t('statement.used.below', { min });
    }
  })();
  return `${measured} ${used}`;
}

/** Shrinkage: raw, prior (named), k and the shrunk value the achievement uses. */
function shrinkStep(t: Translate, l: BonusLine): string | null {
  const s = l.shrinkage;
  if (!s) return null;
  const values = {
    kpi: kpiName(t, l.kpi),
    raw: formatKpi(l.kpi, s.raw),
    prior: formatKpi(l.kpi, s.prior),
    shrunk: formatKpi(l.kpi, s.shrunk),
    n: formatInteger(l.own_n),
    priorN: formatInteger(s.prior_n),
    k: formatNumber(s.k, 0),
  };
  return s.prior_scope === 'company'
    ? t('statement.shrink.company', values)
    : t('statement.shrink.segment', values);
}

function achievementStep(t: Translate, l: BonusLine): string | null {
  if (l.fallback !== null && l.fallback !== 'segment') return null;
  if (l.value === null || l.achievement === null) return null;
  const f = (v: number) => formatKpi(l.kpi, v);
  const v = f(l.value);
  const a = formatShare(l.achievement);
  const curveValues = {
    kpi: kpiName(t, l.kpi),
    threshold: f(l.threshold),
    thresholdPays: formatShare(l.payout_at_threshold, 0),
    target: f(l.target),
    full: formatShare(1, 0),
    stretch: f(l.stretch),
    cap: formatShare(l.cap, 0),
  };
  const curve =
    l.better === 'higher'
      ? t('statement.curve.higher', curveValues)
      : t('statement.curve.lower', curveValues);
  const ahead = (ref: number) => (l.better === 'higher' ? l.value! - ref : ref - l.value!);
  const result =
    ahead(l.threshold) < 0
      ? t('statement.result.miss', { value: v, zero: formatShare(0, 0) })
      : ahead(l.stretch) >= 0
        ? t('statement.result.cap', { value: v, achievement: a })
        : ahead(l.target) < 0
          ? t('statement.result.belowTarget', { value: v, achievement: a })
          : t('statement.result.aboveTarget', { value: v, achievement: a });
  return `${curve} ${result}`;
}

function contributionStep(t: Translate, l: BonusLine, reweighted: boolean): string {
  const values = {
    kpi: kpiName(t, l.kpi),
    weight: formatShare(l.weight, 0),
    effective: formatShare(l.effective_weight),
    achievement: formatShare(l.achievement),
    contribution: formatShare(l.contribution),
  };
  return reweighted
    ? t('statement.contribution.reweighted', values)
    : t('statement.contribution.plain', values);
}

/**
 * The values of the statement's first step, `statement.plan` ("Plan “{plan}”, version in
 * force from {date}. Your bonus target is {target}."): the page renders it with the
 * plan's name marked as a name (translate=no).
 */
export function planStepValues(row: BonusRow): { plan: string; date: string; target: string } {
  return {
    plan: row.plan,
    date: formatDate(row.plan_valid_from),
    target: formatMoney(row.bonus_target, row.currency),
  };
}

/** The statement of one bonus row, step by step, after the plan step (planStepValues). */
export function statementSteps(t: Translate, row: BonusRow): string[] {
  const money = (amount: string) => formatMoney(amount, row.currency);
  const steps: string[] = [];
  for (const l of row.lines) {
    steps.push(valueStep(t, l));
    const shrunk = shrinkStep(t, l);
    if (shrunk) steps.push(shrunk);
    const a = achievementStep(t, l);
    if (a) steps.push(a);
  }
  const kept = row.lines.filter((l) => l.achievement !== null);
  const reweighted = kept.length < row.lines.length;
  for (const l of kept) steps.push(contributionStep(t, l, reweighted));
  steps.push(
    kept.length === 0
      ? t('statement.total.allLeftOut', { full: formatShare(1, 0) })
      : t('statement.total.sum', { total: formatShare(row.total_achievement) }),
  );
  steps.push(
    row.proration_days === row.period_days
      ? t('statement.days.full', { days: row.period_days })
      : t('statement.days.prorated', {
          worked: row.proration_days,
          days: row.period_days,
          proration: formatShare(row.proration),
        }),
  );
  steps.push(
    t('statement.bonus', {
      target: money(row.bonus_target),
      total: formatShare(row.total_achievement),
      proration: formatShare(row.proration),
      bonus: money(row.bonus_amount),
    }),
  );
  return steps;
}
