import { KPI_NAMES, type KpiKey } from '../kpis/types';

/**
 * Words people read about a bonus line. The machine codes (`fallback`: `segment`,
 * `segment_below_min`, `neutral`, `exclude`) stay in the answer beside these texts,
 * so the dashboard and later translations can map the code instead.
 */
export function fallbackText(
  code: 'segment' | 'segment_below_min' | 'neutral' | 'exclude',
  line: { kpi: KpiKey; own_n: number; min_sample: number; segment_n?: number },
): string {
  const name = KPI_NAMES[line.kpi];
  const below = `Your ${name} rests on ${line.own_n} ${line.own_n === 1 ? 'answer or case' : 'answers or cases'}, fewer than the ${line.min_sample} the plan asks for`;
  switch (code) {
    case 'segment':
      return `${below}, so your segment's ${name} is used instead.`;
    case 'segment_below_min':
      return `${below}, and your segment has too few as well (${line.segment_n ?? 0}), so this line pays 100 %.`;
    case 'neutral':
      return `${below}, so this line pays 100 %.`;
    case 'exclude':
      return `${below}, so this line is left out and the other lines' weights are scaled up.`;
  }
}
