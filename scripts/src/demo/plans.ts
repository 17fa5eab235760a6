/**
 * plans.json and assumptions.json for the demo. Targets are set where the demo data
 * lands (company NPS +25 to +40 and rising slowly, CSAT around 80 %) so that some people
 * beat them and some miss, which is what makes the bonus screens worth looking at.
 */
import type { KpiKey } from '@delight/api/kpis/types';

export interface DemoPlanLine {
  kpi: KpiKey;
  weight: number;
  threshold: number;
  target: number;
  stretch: number;
  payout_at_threshold: number;
  cap: number;
  min_sample: number;
  below_min: 'segment' | 'neutral' | 'exclude';
}

export interface DemoPlan {
  key: string;
  role: 'agent' | 'segment_manager';
  period_kind: 'quarter';
  valid_from: string;
  lines: DemoPlanLine[];
}

const line = (
  kpi: KpiKey,
  weight: number,
  [threshold, target, stretch]: [number, number, number],
  min_sample: number,
  below_min: DemoPlanLine['below_min'],
  payout_at_threshold = 0.5,
  cap = 1.5,
): DemoPlanLine => ({
  kpi,
  weight,
  threshold,
  target,
  stretch,
  payout_at_threshold,
  cap,
  min_sample,
  below_min,
});

/**
 * Two versions of the agents plan (the later one adds first response time and leans
 * less on NPS) and one segment-managers plan. Both first versions start with the quarter
 * of the first demo month, so every quarter of the demo has a plan in force.
 */
export function demoPlans(firstValidFrom: string, secondValidFrom: string): { plans: DemoPlan[] } {
  return {
    plans: [
      {
        key: 'agents',
        role: 'agent',
        period_kind: 'quarter',
        valid_from: firstValidFrom,
        lines: [
          line('nps', 0.35, [0, 25, 50], 8, 'segment'),
          line('csat', 0.25, [60, 75, 90], 8, 'segment'),
          line('ces', 0.1, [4.5, 5.2, 6], 5, 'neutral', 0.5, 1.2),
          line('resolution_h', 0.15, [96, 48, 24], 2, 'segment'),
          line('follow_up_rate', 0.15, [40, 70, 90], 2, 'exclude', 0.25),
        ],
      },
      {
        key: 'segment_managers',
        role: 'segment_manager',
        period_kind: 'quarter',
        valid_from: firstValidFrom,
        lines: [
          line('nps', 0.3, [10, 30, 50], 20, 'segment'),
          line('retention_rate', 0.25, [90, 96, 99], 10, 'neutral'),
          line('first_response_h', 0.15, [24, 8, 2], 3, 'neutral'),
          line('recovery_rate', 0.15, [60, 80, 95], 3, 'exclude'),
          line('csat', 0.15, [65, 80, 92], 15, 'segment'),
        ],
      },
      {
        key: 'agents',
        role: 'agent',
        period_kind: 'quarter',
        valid_from: secondValidFrom,
        lines: [
          line('nps', 0.3, [10, 35, 60], 8, 'segment'),
          line('csat', 0.2, [70, 82, 94], 8, 'segment'),
          line('ces', 0.1, [4.5, 5.2, 6], 5, 'neutral', 0.5, 1.2),
          line('first_response_h', 0.15, [12, 4, 1], 2, 'segment'),
          line('resolution_h', 0.1, [96, 48, 24], 2, 'segment'),
          line('follow_up_rate', 0.15, [50, 75, 95], 2, 'exclude', 0.25),
        ],
      },
    ],
  };
}

/** The DESIGN.md defaults. */
export const DEMO_ASSUMPTIONS = {
  gross_margin: 0.35,
  horizon_years: 3,
  churn_p: { promoter: 0.05, passive: 0.15, detractor: 0.3, unknown: 0.15 },
  happy_tells: 2,
  unhappy_tells: 22,
  influence: 0.01,
};
