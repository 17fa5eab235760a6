import type { BonusLine, BonusRow } from '../queries/bonus';
import { formatDate, formatInteger, formatMoney, formatNumber, formatShare } from './format';
import { formatKpi, kpiLabel } from './kpis';

// The step-by-step bonus statement in words an employee reads (issue 16 point 1): KPI
// names, "your segment" / "the company" for scopes, values in their units, shares as
// percentages. Built from the row's fields, so the API keeps its codes and keys. The
// same statement is shown to the employee and to HR opening their row. Each step is
// whole sentences, one template per case (no sentence assembled from pieces).

/** A KPI value with its margin of error where it has one (NPS). */
function valueText(kpi: string, value: number | null, moe: number | null | undefined): string {
  if (value === null) return 'no value';
  return kpi === 'nps' && moe != null
    ? `${formatKpi(kpi, value)} ± ${formatNumber(moe, 1)}`
    : formatKpi(kpi, value);
}

function valueStep(l: BonusLine): string {
  const name = kpiLabel(l.kpi);
  // the line's own margin of error belongs to the own value only when it is used
  const own = valueText(l.kpi, l.own_value, l.fallback === null ? l.moe : null);
  const n = formatInteger(l.own_n);
  const min = formatInteger(l.min_sample);
  const full = formatShare(1, 0);
  const measured =
    l.own_value === null
      ? `${name}: you have no value of your own in this period (n = ${n}).`
      : `${name}: your own value is ${own} (n = ${n}).`;
  const used = (() => {
    switch (l.fallback) {
      case null:
        return `That meets the plan's minimum sample of ${min}, so your own value counts.`;
      case 'segment':
        return `That is below the plan's minimum sample of ${min}, so your segment's value is used instead: ${valueText(l.kpi, l.value, l.moe)} (n = ${formatInteger(l.n)}).`;
      case 'segment_below_min':
        return `That is below the plan's minimum sample of ${min}, and your segment has too few as well (n = ${formatInteger(l.segment_n ?? 0)}), so this line pays ${full}.`;
      case 'neutral':
        return `That is below the plan's minimum sample of ${min}, so this line pays ${full}.`;
      case 'exclude':
        return `That is below the plan's minimum sample of ${min}, so this line is left out and the other lines' weights are scaled up.`;
      default:
        return `That is below the plan's minimum sample of ${min}.`;
    }
  })();
  return `${measured} ${used}`;
}

/** Shrinkage: raw, prior (named), k and the shrunk value the achievement uses. */
function shrinkStep(l: BonusLine): string | null {
  const s = l.shrinkage;
  if (!s) return null;
  const name = kpiLabel(l.kpi);
  const raw = formatKpi(l.kpi, s.raw);
  const prior = formatKpi(l.kpi, s.prior);
  const shrunk = formatKpi(l.kpi, s.shrunk);
  const n = formatInteger(l.own_n);
  const pn = formatInteger(s.prior_n);
  const k = formatNumber(s.k, 0);
  return s.prior_scope === 'company'
    ? `${name}: shrinkage (k = ${k}) weighs your ${raw} (n = ${n}) against the company's ${prior} (n = ${pn}) as if ${k} more answers at the company's value were added. The value used is ${shrunk}.`
    : `${name}: shrinkage (k = ${k}) weighs your ${raw} (n = ${n}) against your segment's ${prior} (n = ${pn}) as if ${k} more answers at the segment's value were added. The value used is ${shrunk}.`;
}

function achievementStep(l: BonusLine): string | null {
  if (l.fallback !== null && l.fallback !== 'segment') return null;
  if (l.value === null || l.achievement === null) return null;
  const name = kpiLabel(l.kpi);
  const f = (v: number) => formatKpi(l.kpi, v);
  const v = f(l.value);
  const a = formatShare(l.achievement);
  const curve =
    l.better === 'higher'
      ? `${name} (higher is better): ${f(l.threshold)} pays ${formatShare(l.payout_at_threshold, 0)}, ${f(l.target)} pays ${formatShare(1, 0)}, ${f(l.stretch)} or more pays ${formatShare(l.cap, 0)}.`
      : `${name} (lower is better): ${f(l.threshold)} pays ${formatShare(l.payout_at_threshold, 0)}, ${f(l.target)} pays ${formatShare(1, 0)}, ${f(l.stretch)} or less pays ${formatShare(l.cap, 0)}.`;
  const ahead = (ref: number) => (l.better === 'higher' ? l.value! - ref : ref - l.value!);
  const result =
    ahead(l.threshold) < 0
      ? `${v} misses the threshold, so the achievement is 0 %.`
      : ahead(l.stretch) >= 0
        ? `${v} reaches the stretch, so the achievement is the cap, ${a}.`
        : ahead(l.target) < 0
          ? `${v} lies between the threshold and the target, so the achievement is ${a}, in proportion.`
          : `${v} lies between the target and the stretch, so the achievement is ${a}, in proportion.`;
  return `${curve} ${result}`;
}

function contributionStep(l: BonusLine, reweighted: boolean): string {
  const name = kpiLabel(l.kpi);
  const w = formatShare(l.weight, 0);
  const a = formatShare(l.achievement);
  const c = formatShare(l.contribution);
  return reweighted
    ? `${name} weighs ${w}, ${formatShare(l.effective_weight)} once the left-out lines' weight is shared out; at ${a} achievement it contributes ${c}.`
    : `${name} weighs ${w}; at ${a} achievement it contributes ${c}.`;
}

/** The statement of one bonus row, step by step. */
export function statementSteps(row: BonusRow): string[] {
  const money = (amount: string) => formatMoney(amount, row.currency);
  const steps = [
    `Plan “${row.plan}”, version in force from ${formatDate(row.plan_valid_from)}. Your bonus target is ${money(row.bonus_target)}.`,
  ];
  for (const l of row.lines) {
    steps.push(valueStep(l));
    const shrunk = shrinkStep(l);
    if (shrunk) steps.push(shrunk);
    const a = achievementStep(l);
    if (a) steps.push(a);
  }
  const kept = row.lines.filter((l) => l.achievement !== null);
  const reweighted = kept.length < row.lines.length;
  for (const l of kept) steps.push(contributionStep(l, reweighted));
  steps.push(
    kept.length === 0
      ? `Every line is left out, so your total achievement is ${formatShare(1, 0)}.`
      : `Adding up the contributions gives your total achievement: ${formatShare(row.total_achievement)}.`,
  );
  steps.push(
    row.proration_days === row.period_days
      ? `You worked all ${formatInteger(row.period_days)} days of the period, so the bonus is not prorated.`
      : `You worked ${formatInteger(row.proration_days)} of the period's ${formatInteger(row.period_days)} days, so the bonus is prorated to ${formatShare(row.proration)}.`,
  );
  steps.push(
    `Bonus: the target ${money(row.bonus_target)} × your total achievement ${formatShare(row.total_achievement)} × proration ${formatShare(row.proration)} = ${money(row.bonus_amount)}. It is computed exactly and rounded only at the end, to the currency's smallest unit.`,
  );
  return steps;
}
