import { describe, expect, it } from 'vitest';
import { checkPlan } from './schema';

const good = {
  key: 'agents',
  role: 'agent',
  period_kind: 'quarter',
  valid_from: '2026-01-01',
  lines: [
    {
      kpi: 'nps',
      weight: 0.7,
      threshold: 0,
      target: 30,
      stretch: 60,
      payout_at_threshold: 0.5,
      cap: 1.5,
      min_sample: 5,
      below_min: 'segment',
    },
    {
      kpi: 'resolution_h',
      weight: 0.3,
      threshold: 72,
      target: 36,
      stretch: 12,
      payout_at_threshold: 0.5,
      cap: 1.5,
      min_sample: 0,
      below_min: 'exclude',
    },
  ],
};

const problems = (input: unknown) => {
  const r = checkPlan(input);
  return 'problems' in r ? r.problems.map((p) => `${p.path}: ${p.message}`) : [];
};

describe('checkPlan', () => {
  it('accepts a good plan (lower-is-better lines written downwards)', () => {
    expect(checkPlan(good)).toEqual({ plan: good });
  });

  it('lists every problem at once, field errors and cross-field rules together', () => {
    const bad = {
      ...good,
      role: 'boss',
      lines: [
        { ...good.lines[0], kpi: 'joy', weight: 0.5 }, // unknown KPI; weights 0.5 + 0.3
        {
          ...good.lines[1],
          threshold: 12,
          stretch: 72,
          cap: 0.5,
          payout_at_threshold: -0.1,
          min_sample: -2,
        },
      ],
    };
    const list = problems(bad);
    for (const want of [
      /^role: role must be one of/,
      /^lines\.0\.kpi: kpi must be one of/,
      /^lines: weights must sum to 1 \(they sum to 0\.8\)/,
      /^lines\.1: resolution_h is better lower: need threshold > target > stretch/,
      /^lines\.1\.cap: cap must be at least 1/,
      /^lines\.1\.payout_at_threshold: payout_at_threshold must be between 0 and 1/,
      /^lines\.1\.min_sample: min_sample must be 0 or more/,
    ]) {
      expect(
        list.some((p) => want.test(p)),
        `${want} in ${list.join(' | ')}`,
      ).toBe(true);
    }
    // the same rule is never listed twice
    expect(new Set(list).size).toBe(list.length);
  });

  it('refuses a KPI twice and equal threshold and target', () => {
    const twice = {
      ...good,
      lines: [
        { ...good.lines[0], weight: 0.5 },
        { ...good.lines[0], weight: 0.5 },
      ],
    };
    expect(problems(twice)).toContain('lines.1.kpi: nps appears twice');
    const flat = { ...good, lines: [{ ...good.lines[0], target: 0 }, good.lines[1]] };
    expect(problems(flat).some((p) => p.startsWith('lines.0: nps is better higher'))).toBe(true);
  });
});
