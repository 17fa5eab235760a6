import type { BonusLine } from '../bonus/math';
import type { BonusRow } from '../bonus/service';
import type { Formatter } from '../i18n/format';
import { formatKpi, kpiLabel } from './kpi-format';

/**
 * The statement's step-by-step explanation (the scorecard's, `explain()` in
 * bonus/statement.ts) through message keys, so it reads in the caller's language with
 * the locale's number formats. Same steps, same order, same 4-decimal precision for
 * the exact quantities; amounts in their currency.
 */

/** "+€50.00" / "−€12.50": an adjustment with its sign. */
export const signedMoney = (fmt: Formatter, amount: string, currency: string) =>
  amount.startsWith('-')
    ? `−${fmt.money(amount.slice(1), currency)}`
    : `+${fmt.money(amount, currency)}`;

/** Exact quantities (achievement, weight, contribution, proration): up to 4 decimals. */
const q = (fmt: Formatter, x: number | null) =>
  x === null ? fmt.t('statement.noData') : fmt.decimal(x, 4);

/** "a source scope" in words: segment S1, manager E004, employee E006. */
export function sourceLabel(fmt: Formatter, source: string): string {
  const m = /^(segment|manager|employee):(.+)$/.exec(source);
  return m
    ? fmt.t(`statement.source.${m[1] as 'segment' | 'manager' | 'employee'}`, { id: m[2]! })
    : source;
}

/** "-7.1 ± 21.5 on n = 56" for NPS, "52.4% on n = 21" otherwise. */
export function measured(
  fmt: Formatter,
  kpi: BonusLine['kpi'],
  value: number | null,
  n: number,
  moe: number | null | undefined,
): string {
  const shown = formatKpi(fmt, kpi, value);
  return kpi === 'nps' && moe != null && value !== null
    ? fmt.t('statement.measuredMargin', { value: shown, margin: fmt.number(moe, 1), n })
    : fmt.t('statement.measured', { value: shown, n });
}

function valueStep(fmt: Formatter, l: BonusLine): string {
  // the margin printed beside the own value is the own value's (never the segment's)
  const ownMoe = l.kpi === 'nps' && l.fallback !== 'segment' ? l.moe : null;
  const own = {
    kpi: kpiLabel(fmt, l.kpi),
    own: measured(fmt, l.kpi, l.own_value, l.own_n, ownMoe),
    min: l.min_sample,
  };
  switch (l.fallback) {
    case null:
      return fmt.t('statement.step.ownValue', own);
    case 'neutral':
      return fmt.t('statement.step.neutral', own);
    case 'exclude':
      return fmt.t('statement.step.exclude', own);
    case 'segment':
      return fmt.t('statement.step.segment', {
        ...own,
        source: sourceLabel(fmt, l.source),
        used: measured(fmt, l.kpi, l.value, l.n, l.kpi === 'nps' ? l.moe : null),
      });
    case 'segment_below_min':
      return fmt.t('statement.step.segmentBelowMin', { ...own, segmentN: l.segment_n ?? 0 });
  }
}

function achievementStep(fmt: Formatter, l: BonusLine): string | null {
  if (l.fallback !== null && l.fallback !== 'segment') return null;
  const v = l.value!;
  const ahead = (ref: number) => (l.better === 'higher' ? v - ref : ref - v);
  const k = (x: number) => formatKpi(fmt, l.kpi, x);
  const values = {
    kpi: kpiLabel(fmt, l.kpi),
    direction: fmt.t(l.better === 'higher' ? 'statement.higherBetter' : 'statement.lowerBetter'),
    threshold: k(l.threshold),
    target: k(l.target),
    stretch: k(l.stretch),
    atThreshold: fmt.shareUpTo(l.payout_at_threshold, 2),
    cap: fmt.shareUpTo(l.cap, 2),
    value: q(fmt, v),
    floor: q(fmt, l.payout_at_threshold),
    capRaw: q(fmt, l.cap),
    thresholdRaw: q(fmt, l.threshold),
    targetRaw: q(fmt, l.target),
    stretchRaw: q(fmt, l.stretch),
    achievement: q(fmt, l.achievement),
  };
  const head = fmt.t('statement.curve', values);
  if (ahead(l.threshold) < 0) return fmt.t('statement.step.missesThreshold', { ...values, head });
  if (ahead(l.stretch) >= 0) return fmt.t('statement.step.reachesStretch', { ...values, head });
  if (ahead(l.target) < 0) return fmt.t('statement.step.belowTarget', { ...values, head });
  return fmt.t('statement.step.aboveTarget', { ...values, head });
}

/** Every step, from the plan to the amount. */
export function statementSteps(fmt: Formatter, row: BonusRow): string[] {
  const steps: string[] = [
    fmt.t('statement.step.plan', {
      plan: row.plan,
      validFrom: fmt.date(row.plan_valid_from),
      target: fmt.money(row.bonus_target, row.currency),
    }),
  ];
  for (const l of row.lines) {
    steps.push(valueStep(fmt, l));
    const a = achievementStep(fmt, l);
    if (a) steps.push(a);
  }
  const kept = row.lines.filter((l) => l.achievement !== null);
  const reweighted = kept.length < row.lines.length;
  for (const l of kept) {
    steps.push(
      fmt.t(reweighted ? 'statement.step.reweighted' : 'statement.step.weighted', {
        kpi: kpiLabel(fmt, l.kpi),
        weight: q(fmt, l.weight),
        effective: q(fmt, l.effective_weight),
        achievement: q(fmt, l.achievement),
        contribution: q(fmt, l.contribution),
      }),
    );
  }
  steps.push(
    kept.length === 0
      ? fmt.t('statement.step.allExcluded')
      : fmt.t('statement.step.total', {
          sum: kept.map((l) => q(fmt, l.contribution)).join(' + '),
          total: q(fmt, row.total_achievement),
        }),
  );
  steps.push(
    fmt.t('statement.step.proration', {
      days: row.proration_days,
      periodDays: row.period_days,
      proration: q(fmt, row.proration),
    }),
  );
  steps.push(
    fmt.t('statement.step.bonus', {
      target: fmt.money(row.bonus_target, row.currency),
      total: q(fmt, row.total_achievement),
      days: row.proration_days,
      periodDays: row.period_days,
      amount: fmt.money(row.computed_amount, row.currency),
    }),
  );
  // adjustments of accepted disputes: each its own step, then the amount paid
  for (const a of row.adjustments) {
    steps.push(
      fmt.t('statement.step.adjustment', {
        amount: signedMoney(fmt, a.amount, row.currency),
        reason: a.reason,
      }),
    );
  }
  if (row.adjustments.length > 0) {
    steps.push(
      fmt.t('statement.step.adjusted', {
        computed: fmt.money(row.computed_amount, row.currency),
        terms: row.adjustments
          .map(
            (a) =>
              `${a.amount.startsWith('-') ? '−' : '+'} ${fmt.money(a.amount.replace(/^-/, ''), row.currency)}`,
          )
          .join(' '),
        amount: fmt.money(row.bonus_amount, row.currency),
      }),
    );
  }
  return steps;
}
