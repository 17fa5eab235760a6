import type { Formatter } from '../i18n/format';
import { KPI_BETTER, type KpiAnswer, type KpiKey } from '../kpis/types';
import { Dec } from '../lib/decimal';
import type { KpiCard, Significance } from './pdf/cards';

/** Decimals a KPI is shown with: CES on its 1–7 scale 2, everything else 1 (as the dashboard). */
export const kpiDigits = (key: KpiKey): number => (key === 'ces' ? 2 : 1);

/** A KPI in its own unit: NPS points, CES score, hours for the medians, % for the rest. */
export function formatKpi(fmt: Formatter, key: KpiKey, value: number | null | undefined): string {
  switch (key) {
    case 'nps':
    case 'ces':
      return fmt.number(value, kpiDigits(key));
    case 'first_response_h':
    case 'resolution_h':
    case 'detractor_contact_h':
      return fmt.hours(value, 1);
    case 'acquired':
      return fmt.number(value, 0);
    default:
      return fmt.percent(value, 1);
  }
}

/** The API's test of a KPI's change, as a card shows it. */
export function significanceOf(answer: KpiAnswer, key: KpiKey): Significance {
  const significant = answer.kpis[key].change.significant;
  return significant === null ? null : significant ? 'significant' : 'within_noise';
}

export const kpiLabel = (fmt: Formatter, key: KpiKey): string => fmt.t(`kpi.${key}`);

/**
 * The cards of `GET /api/kpis`: value, NPS margin, n, and the change against the
 * previous period with its direction said in words, and whether the change is beyond
 * noise as the KPI answer's own test says (`change.significant`; null where the KPI has
 * no test, e.g. CES and the hour medians).
 */
export function kpiCards(
  answer: KpiAnswer,
  fmt: Formatter,
  keys: readonly KpiKey[],
  significance: (key: KpiKey) => Significance = (key) => significanceOf(answer, key),
): KpiCard[] {
  const previousPeriod = fmt.period(answer.previous_period);
  return keys.map((key) => {
    const k = answer.kpis[key];
    const margin = key === 'nps' ? answer.kpis.nps.moe : null;
    const change =
      k.value !== null && k.previous.value !== null ? k.value - k.previous.value : null;
    const digits = kpiDigits(key);
    // the sign of the change as printed: a change that rounds to 0.0 is flat
    const roundsToZero =
      change !== null && new Dec(change).toDecimalPlaces(digits, Dec.ROUND_HALF_EVEN).isZero();
    const tone =
      change === null || roundsToZero
        ? 'flat'
        : change > 0 === (KPI_BETTER[key] === 'higher')
          ? 'better'
          : 'worse';
    return {
      label: kpiLabel(fmt, key),
      value: formatKpi(fmt, key, k.value),
      margin: margin === null ? null : fmt.t('kpi.margin', { margin: fmt.number(margin, 1) }),
      sample: fmt.t('kpi.sample', { n: k.n }),
      change:
        change === null
          ? null
          : {
              text: fmt.t('kpi.change', {
                change: fmt.change(change, digits),
                previousPeriod,
                previous: formatKpi(fmt, key, k.previous.value),
              }),
              tone,
              toneWord:
                tone === 'flat' ? '' : fmt.t(tone === 'better' ? 'kpi.better' : 'kpi.worse'),
              significance: significance(key),
              noiseWord: fmt.t('kpi.withinNoise'),
            },
      noChange: fmt.t('kpi.noPrevious', { previousPeriod }),
    };
  });
}
