import type { Executor } from '@delight/db';
import { conflict } from '../lib/errors';
import type { Period } from '../lib/period';
import type { BonusLine } from './math';
import { loadPeriodState } from './service';
import { statementFor } from './statement';

/**
 * Promoters to add (new responses, no new detractor) to lift an NPS to `goal` when
 * the current sample is n responses with net = promoters − detractors:
 * 100 (net + k) / (n + k) ≥ goal  ⇔  k ≥ (goal · n − 100 · net) / (100 − goal).
 * Also at least enough to reach the minimum sample (else the value does not count).
 * Null when unreachable by promoters alone (goal ≥ 100 with any non-promoter).
 */
export function promotersNeeded(
  net: number,
  n: number,
  goal: number,
  minSample: number,
): number | null {
  const toMin = Math.max(0, minSample - n);
  if (goal >= 100) return net === n ? Math.max(toMin, n === 0 ? 1 : 0) : null;
  // the small epsilon keeps an exact integer from rounding up through float error
  const k = Math.max(0, Math.ceil((goal * n - 100 * net) / (100 - goal) - 1e-9));
  return Math.max(k, toMin, n === 0 ? 1 : 0);
}

export interface LineNeed {
  kpi: string;
  better: 'higher' | 'lower';
  /** own value and sample (what the employee moves), and what is used now */
  own_value: number | null;
  own_n: number;
  value_used: number | null;
  source: string;
  fallback: BonusLine['fallback'];
  achievement: number | null;
  min_sample: number;
  /** more responses/complaints before the own value counts at all */
  more_sample_for_minimum: number;
  threshold: number;
  /** the KPI value that pays 100 % and the one that pays the cap */
  value_for_target: number;
  value_for_stretch: number;
  /** how far the own value is from each, in the better direction (≤ 0: reached) */
  gap_to_target: number | null;
  gap_to_stretch: number | null;
  /** NPS only: more promoters (no more detractors) needed at the current n */
  promoters_for_target?: number | null;
  promoters_for_stretch?: number | null;
}

export function lineNeed(l: BonusLine): LineNeed {
  const gap = (goal: number) =>
    l.own_value === null ? null : l.better === 'higher' ? goal - l.own_value : l.own_value - goal;
  const need: LineNeed = {
    kpi: l.kpi,
    better: l.better,
    own_value: l.own_value,
    own_n: l.own_n,
    value_used: l.value,
    source: l.source,
    fallback: l.fallback,
    achievement: l.achievement,
    min_sample: l.min_sample,
    more_sample_for_minimum: Math.max(0, l.min_sample - l.own_n),
    threshold: l.threshold,
    value_for_target: l.target,
    value_for_stretch: l.stretch,
    gap_to_target: gap(l.target),
    gap_to_stretch: gap(l.stretch),
  };
  if (l.kpi === 'nps') {
    // net promoters from the value: NPS = 100 · net / n, net an integer
    const net = l.own_value === null ? 0 : Math.round((l.own_value * l.own_n) / 100);
    need.promoters_for_target = promotersNeeded(net, l.own_n, l.target, l.min_sample);
    need.promoters_for_stretch = promotersNeeded(net, l.own_n, l.stretch, l.min_sample);
  }
  return need;
}

/** "What do I need": per line, the values (and NPS promoters) for target and stretch. */
export async function whatDoINeed(
  db: Executor,
  period: Period,
  employee: { dbId: number; externalId: string },
): Promise<{ period: string; employee: string; lines: LineNeed[] }> {
  const state = await loadPeriodState(db, period);
  if (state.status === 'closed') {
    throw conflict(`${period.key} is closed; what-do-I-need is for open periods`);
  }
  const { row } = await statementFor(db, period, employee);
  return { period: period.key, employee: employee.externalId, lines: row.lines.map(lineNeed) };
}
