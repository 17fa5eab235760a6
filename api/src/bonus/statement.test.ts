import { describe, expect, it } from 'vitest';
import { evaluateLines } from './math';
import { shapeRow } from './service';
import { explain } from './statement';

const plan = [
  {
    kpi: 'nps' as const,
    weight: 0.5,
    threshold: 0,
    target: 30,
    stretch: 60,
    payout_at_threshold: 0.5,
    cap: 1.5,
    min_sample: 5,
    below_min: 'segment' as const,
  },
  {
    kpi: 'resolution_h' as const,
    weight: 0.25,
    threshold: 72,
    target: 36,
    stretch: 12,
    payout_at_threshold: 0.5,
    cap: 1.5,
    min_sample: 2,
    below_min: 'exclude' as const,
  },
  {
    kpi: 'csat' as const,
    weight: 0.25,
    threshold: 60,
    target: 80,
    stretch: 95,
    payout_at_threshold: 0.5,
    cap: 1.5,
    min_sample: 5,
    below_min: 'neutral' as const,
  },
];

describe('explain', () => {
  it('walks through value, fallback, curve, weights, proration and amount', () => {
    const { lines, total_achievement } = evaluateLines(plan, [
      {
        kpi: 'nps',
        ownScope: 'employee:E1',
        own: { value: 50, n: 2, moe: 90 },
        segmentScope: 'segment:S1',
        segment: { value: 15, n: 40, moe: 20 },
      },
      {
        kpi: 'resolution_h',
        ownScope: 'employee:E1',
        own: { value: 10, n: 1 },
        segmentScope: 'segment:S1',
        segment: null,
      },
      {
        kpi: 'csat',
        ownScope: 'employee:E1',
        own: { value: 90, n: 10 },
        segmentScope: 'segment:S1',
        segment: null,
      },
    ]);
    // nps: segment 15 → 0.5 + 0.5 × 15/30 = 0.75; csat 90 → 1 + 0.5 × 10/15 = 1.3333; weights 2/3, 1/3
    expect(total_achievement).toBeCloseTo((2 / 3) * 0.75 + (1 / 3) * (1 + 0.5 * (10 / 15)), 12);
    const row = shapeRow({
      employee: 'E1',
      name: 'N',
      email: 'e',
      role: 'agent',
      segment: 'S1',
      currency: 'EUR',
      bonus_target: '900.00',
      plan: 'agents',
      plan_valid_from: '2026-01-01',
      proration: 0.5,
      proration_days: 45,
      period_days: 90,
      total_achievement,
      bonus_amount: '425.00',
      lines,
    });
    const text = explain(row).join('\n');
    expect(text).toContain('the value of segment:S1 is used: 15 on n = 40 (± 20)');
    expect(text).toContain('0.5 + (1 − 0.5) × (15 − 0) / (30 − 0) = 0.75');
    expect(text).toContain(
      'resolution_h: 10 on n = 1, minimum sample 2: below the minimum, so the line is dropped',
    );
    expect(text).toContain('1 + (1.5 − 1) × (90 − 80) / (95 − 80) = 1.3333');
    expect(text).toContain(
      'weight 0.5 → 0.6667 after re-weighting × achievement 0.75 = contribution 0.5',
    );
    expect(text).toContain('45 of 90 days worked = 0.5');
    expect(text).toContain('Bonus = 900.00 × 0.9444 × 45/90 = 425.00 EUR');
  });
});
