import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WINDOW_START_DAY } from '../scales';
import { dayText } from './time';

type Line = [
  kpi: string,
  weight: number,
  bands: [number, number, number],
  minSample: number,
  belowMin: string,
];

const line = ([kpi, weight, [threshold, target, stretch], min_sample, below_min]: Line) => ({
  kpi,
  weight,
  threshold,
  target,
  stretch,
  payout_at_threshold: 0.5,
  cap: 1.5,
  min_sample,
  below_min,
});

/** Quarter plans for agents and segment managers, in force for the whole window. */
export function benchPlans() {
  const valid_from = dayText(WINDOW_START_DAY);
  return {
    plans: [
      {
        key: 'agents',
        role: 'agent',
        period_kind: 'quarter',
        valid_from,
        lines: (
          [
            ['nps', 0.3, [0, 20, 45], 10, 'segment'],
            ['csat', 0.2, [60, 75, 90], 10, 'segment'],
            ['ces', 0.1, [4.5, 5.2, 6], 5, 'neutral'],
            ['first_response_h', 0.15, [12, 4, 1], 3, 'segment'],
            ['resolution_h', 0.1, [96, 48, 24], 3, 'segment'],
            ['follow_up_rate', 0.15, [40, 65, 90], 3, 'exclude'],
          ] satisfies Line[]
        ).map(line),
      },
      {
        key: 'segment_managers',
        role: 'segment_manager',
        period_kind: 'quarter',
        valid_from,
        lines: (
          [
            ['nps', 0.3, [5, 20, 40], 20, 'segment'],
            ['retention_rate', 0.25, [90, 96, 99], 10, 'neutral'],
            ['first_response_h', 0.15, [12, 4, 1], 3, 'neutral'],
            ['recovery_rate', 0.15, [60, 80, 95], 3, 'exclude'],
            ['csat', 0.15, [60, 75, 90], 15, 'segment'],
          ] satisfies Line[]
        ).map(line),
      },
    ],
  };
}

/** The DESIGN.md defaults, stated explicitly. */
export const BENCH_ASSUMPTIONS = {
  gross_margin: '0.35',
  horizon_years: 3,
  churn_p: { promoter: '0.05', passive: '0.15', detractor: '0.30', unknown: '0.15' },
  happy_tells: 2,
  unhappy_tells: 22,
  influence: '0.01',
};

export async function writePlanFiles(dir: string): Promise<void> {
  await writeFile(join(dir, 'plans.json'), `${JSON.stringify(benchPlans(), null, 2)}\n`);
  await writeFile(join(dir, 'assumptions.json'), `${JSON.stringify(BENCH_ASSUMPTIONS, null, 2)}\n`);
}
