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
  return 'problems' in r ? r.problems.map((p) => `${p.path} [${p.code}]: ${p.message}`) : [];
};

describe('checkPlan', () => {
  it('accepts a good plan (lower-is-better lines written downwards); shrink defaults to 0', () => {
    expect(checkPlan(good)).toEqual({
      plan: { ...good, lines: good.lines.map((l) => ({ ...l, shrink: 0 })) },
    });
  });

  it('lists every problem at once, in words, with machine codes beside them', () => {
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
          shrink: -1,
        },
      ],
    };
    const list = problems(bad);
    for (const want of [
      /^role \[role_invalid_value\]: The role must be one of/,
      /^lines\.0\.kpi \[kpi_invalid_value\]: Line 1: the KPI must be one of NPS, CSAT/,
      /^lines \[weights_sum\]: The weights must add up to 100 %; they add up to 80 %\.$/,
      /^lines\.1 \[curve_order_lower\]: Line 2 \(resolution time\): Lower resolution time is better, so the threshold must be above the target/,
      /^lines\.1\.cap \[cap_out_of_range\]: Line 2 \(resolution time\): the cap must be at least 1 \(100 %\)\.$/,
      /^lines\.1\.payout_at_threshold \[payout_at_threshold_out_of_range\]: Line 2 \(resolution time\): the payout at threshold must be between 0 and 1/,
      /^lines\.1\.min_sample \[min_sample_out_of_range\]: Line 2 \(resolution time\): the minimum sample must be 0 or more\.$/,
      /^lines\.1\.shrink \[shrink_out_of_range\]: Line 2 \(resolution time\): the shrinkage strength k must be 0 \(off\) or more\.$/,
    ]) {
      expect(
        list.some((p) => want.test(p)),
        `${want} in ${list.join(' | ')}`,
      ).toBe(true);
    }
    // the same rule is never listed twice; no zod jargon reaches people
    expect(new Set(list).size).toBe(list.length);
    expect(list.join(' ')).not.toMatch(/Invalid input|expected number/);
  });

  it('adds weights exactly: 0.3 + 0.2 + 0.1 + 0.25 + 0.7 is 155 %, not 1.5499999999999998', () => {
    const lines = [0.3, 0.2, 0.1, 0.25, 0.7].map((weight, i) => ({
      ...good.lines[0],
      kpi: ['nps', 'csat', 'ces', 'follow_up_rate', 'retention_rate'][i],
      weight,
    }));
    expect(problems({ ...good, lines })).toEqual([
      'lines [weights_sum]: The weights must add up to 100 %; they add up to 155 %.',
    ]);
    // and a sum that floats get wrong the other way is accepted: 0.3+0.2+0.1+0.25+0.15
    const ok = [0.3, 0.2, 0.1, 0.25, 0.15].map((weight, i) => ({ ...lines[i], weight }));
    expect(problems({ ...good, lines: ok })).toEqual([]);
  });

  it('takes decimals written as text, and says so in words when a value is not a number', () => {
    const text = { ...good, lines: [{ ...good.lines[0], weight: '0.7' }, good.lines[1]] };
    const r = checkPlan(text);
    expect('plan' in r && r.plan.lines[0]!.weight).toBe(0.7);
    expect(
      problems({ ...good, lines: [{ ...good.lines[0], weight: 'lots' }, good.lines[1]] }),
    ).toEqual([
      'lines.0.weight [weight_not_a_number]: Line 1 (NPS): the weight must be a number, like 0.5.',
    ]);
  });

  it('refuses a KPI twice and equal threshold and target', () => {
    const twice = {
      ...good,
      lines: [
        { ...good.lines[0], weight: 0.5 },
        { ...good.lines[0], weight: 0.5 },
      ],
    };
    expect(problems(twice)).toContain(
      'lines.1.kpi [kpi_twice]: Line 2 (NPS): NPS has two lines; a KPI may appear only once in a plan.',
    );
    const flat = { ...good, lines: [{ ...good.lines[0], target: 0 }, good.lines[1]] };
    expect(
      problems(flat).some((p) =>
        p.startsWith('lines.0 [curve_order_higher]: Line 1 (NPS): Higher NPS is better'),
      ),
    ).toBe(true);
  });
});
