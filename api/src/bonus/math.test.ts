import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KPI_BETTER, KPI_KEYS, type KpiKey } from '../kpis/types';
import { Dec, roundMoney } from '../lib/decimal';
import { q } from '../lib/exact';
import type { PlanLine } from '../plans/schema';
import {
  achievement,
  type BonusLine,
  bonusAmount,
  type Curve,
  evaluateLines,
  type LineInputs,
  type LineSpec,
  prorationDays,
  shrinkPrior,
} from './math';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..');
const GOLDEN = resolve(repoRoot, 'test/fixtures/golden');

const higher: Curve = { threshold: 0, target: 30, stretch: 60, payout_at_threshold: 0.5, cap: 1.5 };
const lower: Curve = { threshold: 72, target: 36, stretch: 12, payout_at_threshold: 0.5, cap: 1.5 };

describe('achievement curve', () => {
  it('follows the plan points (hand-computed)', () => {
    expect(achievement(higher, 'higher', -0.001)).toBe(0);
    expect(achievement(higher, 'higher', 0)).toBe(0.5); // exactly at threshold pays the floor
    expect(achievement(higher, 'higher', 15)).toBeCloseTo(0.75, 12);
    expect(achievement(higher, 'higher', 30)).toBe(1);
    expect(achievement(higher, 'higher', 45)).toBeCloseTo(1.25, 12);
    expect(achievement(higher, 'higher', 60)).toBe(1.5);
    expect(achievement(higher, 'higher', 100)).toBe(1.5);
    // lower is better: axis reversed
    expect(achievement(lower, 'lower', 72.5)).toBe(0);
    expect(achievement(lower, 'lower', 72)).toBe(0.5);
    expect(achievement(lower, 'lower', 54)).toBeCloseTo(0.75, 12);
    expect(achievement(lower, 'lower', 36)).toBe(1);
    expect(achievement(lower, 'lower', 25)).toBeCloseTo(1 + (0.5 * 11) / 24, 12); // E006 Q1: 1.2291666
    expect(achievement(lower, 'lower', 12)).toBe(1.5);
    expect(achievement(lower, 'lower', 0)).toBe(1.5);
  });

  // A random valid curve in either direction.
  const curveArb = fc
    .record({
      better: fc.constantFrom<'higher' | 'lower'>('higher', 'lower'),
      a: fc.double({ min: -100, max: 100, noNaN: true }),
      gap1: fc.double({ min: 0.01, max: 50, noNaN: true }),
      gap2: fc.double({ min: 0.01, max: 50, noNaN: true }),
      floor: fc.double({ min: 0, max: 1, noNaN: true }),
      cap: fc.double({ min: 1, max: 3, noNaN: true }),
    })
    .map(({ better, a, gap1, gap2, floor, cap }) => {
      const s = better === 'higher' ? 1 : -1;
      const curve: Curve = {
        threshold: a,
        target: a + s * gap1,
        stretch: a + s * (gap1 + gap2),
        payout_at_threshold: floor,
        cap,
      };
      return { better, curve };
    });

  it('is monotone in the better direction, within [0, cap], and 0 below threshold', () => {
    fc.assert(
      fc.property(
        curveArb,
        fc.double({ min: -300, max: 300, noNaN: true }),
        fc.double({ min: -300, max: 300, noNaN: true }),
        ({ better, curve }, x, y) => {
          const [worse, better_] =
            better === 'higher'
              ? [Math.min(x, y), Math.max(x, y)]
              : [Math.max(x, y), Math.min(x, y)];
          const aw = achievement(curve, better, worse);
          const ab = achievement(curve, better, better_);
          expect(ab).toBeGreaterThanOrEqual(aw - 1e-12);
          for (const a of [aw, ab]) {
            expect(a).toBeGreaterThanOrEqual(0);
            expect(a).toBeLessThanOrEqual(curve.cap + 1e-12);
          }
          const belowThreshold = better === 'higher' ? x < curve.threshold : x > curve.threshold;
          if (belowThreshold) expect(achievement(curve, better, x)).toBe(0);
          else
            expect(achievement(curve, better, x)).toBeGreaterThanOrEqual(
              curve.payout_at_threshold - 1e-12,
            );
        },
      ),
    );
  });
});

const line = (
  kpi: KpiKey,
  weight: number,
  below_min: PlanLine['below_min'],
  min_sample = 5,
): LineSpec => {
  const up = KPI_BETTER[kpi] === 'higher';
  return {
    kpi,
    weight,
    threshold: up ? 0 : 72,
    target: up ? 30 : 36,
    stretch: up ? 60 : 12,
    payout_at_threshold: 0.5,
    cap: 1.5,
    min_sample,
    below_min,
  };
};
const own = (
  kpi: KpiKey,
  value: number | null,
  n: number,
  segment: { value: number | null; n: number } | null = null,
): LineInputs => ({
  kpi,
  ownScope: 'employee:E1',
  own: { value, n, moe: kpi === 'nps' ? 1 : undefined },
  segmentScope: 'segment:S1',
  segment,
});

describe('evaluateLines', () => {
  it('uses own values at or above the minimum, else the fallback', () => {
    const lines = [
      line('nps', 0.4, 'segment'),
      line('csat', 0.3, 'neutral'),
      line('resolution_h', 0.3, 'exclude'),
    ];
    const r = evaluateLines(lines, [
      own('nps', 10, 4, { value: 30, n: 20 }),
      own('csat', 100, 1),
      own('resolution_h', null, 0),
    ]);
    const [nps, csat, res] = r.lines as [BonusLine, BonusLine, BonusLine];
    expect(nps).toMatchObject({
      fallback: 'segment',
      source: 'segment:S1',
      value: 30,
      n: 20,
      own_value: 10,
      own_n: 4,
      achievement: 1,
    });
    expect(csat).toMatchObject({ fallback: 'neutral', value: 100, achievement: 1 });
    expect(res).toMatchObject({
      fallback: 'exclude',
      achievement: null,
      effective_weight: 0,
      contribution: 0,
    });
    expect(nps.effective_weight).toBeCloseTo(0.4 / 0.7, 15);
    expect(r.total_achievement).toBeCloseTo(1, 15);
  });

  it('pays 100 % when the segment is below the minimum too, and says so', () => {
    const r = evaluateLines([line('nps', 1, 'segment')], [own('nps', 50, 3, { value: 0, n: 4 })]);
    expect(r.lines[0]).toMatchObject({
      fallback: 'segment_below_min',
      segment_n: 4,
      source: 'employee:E1',
      value: 50,
      achievement: 1,
    });
    const noSegment = evaluateLines(
      [line('nps', 1, 'segment')],
      [{ ...own('nps', 50, 3), segmentScope: null }],
    );
    expect(noSegment.lines[0]).toMatchObject({
      fallback: 'segment_below_min',
      segment_n: 0,
      achievement: 1,
    });
  });

  it('gives 100 % when every line is excluded', () => {
    const r = evaluateLines(
      [line('ces', 0.5, 'exclude'), line('csat', 0.5, 'exclude')],
      [own('ces', null, 0), own('csat', 1, 1)],
    );
    expect(r.total_achievement).toBe(1);
    expect(r.lines.every((l) => l.effective_weight === 0 && l.contribution === 0)).toBe(true);
  });

  it('never exceeds the largest cap, effective weights sum to 1 (property)', () => {
    const lineArb = fc.record({
      kpi: fc.constantFrom(...KPI_KEYS),
      below: fc.constantFrom<PlanLine['below_min']>('segment', 'neutral', 'exclude'),
      value: fc.option(fc.double({ min: -200, max: 300, noNaN: true })),
      n: fc.nat(30),
      segValue: fc.option(fc.double({ min: -200, max: 300, noNaN: true })),
      segN: fc.nat(30),
      w: fc.integer({ min: 1, max: 10 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(lineArb, { minLength: 1, maxLength: 8, selector: (l) => l.kpi }),
        fc.stringMatching(/^\d{1,6}\.\d{2}$/),
        (ls, target) => {
          const wsum = ls.reduce((s, l) => s + l.w, 0);
          const plan = ls.map((l) => line(l.kpi, l.w / wsum, l.below));
          const r = evaluateLines(
            plan,
            ls.map((l) =>
              own(l.kpi, l.value, l.value === null ? 0 : l.n, {
                value: l.segValue,
                n: l.segValue === null ? 0 : l.segN,
              }),
            ),
          );
          expect(r.total_achievement).toBeGreaterThanOrEqual(0);
          expect(r.total_achievement).toBeLessThanOrEqual(1.5 + 1e-12);
          const kept = r.lines.filter((l) => l.achievement !== null);
          if (kept.length > 0)
            expect(kept.reduce((s, l) => s + l.effective_weight, 0)).toBeCloseTo(1, 12);
          // the one rounding may lift t × cap by half a cent (0.015 → 0.02), never more
          const amount = new Dec(bonusAmount(target, r.total_achievement, 90, 90, 'EUR'));
          expect(amount.lte(roundMoney(new Dec(target).times(1.5)))).toBe(true);
        },
      ),
    );
  });
});

describe('proration', () => {
  const q1 = { start: '2026-01-01', end: '2026-04-01' };
  it('counts days between hire and leaving, both inclusive', () => {
    expect(prorationDays(q1, '2020-01-01', null)).toEqual({ days: 90, period_days: 90 });
    expect(prorationDays(q1, '2020-01-01', '2026-02-14')).toEqual({ days: 45, period_days: 90 });
    expect(prorationDays(q1, '2026-03-31', null).days).toBe(1);
    expect(prorationDays(q1, '2026-04-01', null).days).toBe(0);
    expect(prorationDays(q1, '2020-01-01', '2025-12-31').days).toBe(0);
    expect(prorationDays(q1, '2020-01-01', '2026-01-01').days).toBe(1);
    expect(prorationDays({ start: '2026-04-01', end: '2026-07-01' }, '2026-05-11', null)).toEqual({
      days: 51,
      period_days: 91,
    });
  });
  it('stays within [0, period days] (property)', () => {
    const day = fc
      .integer({ min: 0, max: 3000 })
      .map((d) => new Date(Date.UTC(2022, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.option(day), (hired, left) => {
        const { days, period_days } = prorationDays(q1, hired, left);
        expect(days).toBeGreaterThanOrEqual(0);
        expect(days).toBeLessThanOrEqual(period_days);
      }),
    );
  });
});

describe('bonusAmount', () => {
  it('rounds half-even once, to the minor unit of the currency', () => {
    expect(bonusAmount('100.00', 0.12345, 1, 1, 'EUR')).toBe('12.34'); // 12.345 → even
    expect(bonusAmount('100.00', 0.12355, 1, 1, 'EUR')).toBe('12.36');
    expect(bonusAmount('1000', 0.5, 1, 3, 'EUR')).toBe('166.67');
    expect(bonusAmount('1000', 0.0025, 1, 1, 'JPY')).toBe('2'); // 2.5 → even
    expect(bonusAmount('2799.74', 0.4, 45, 90, 'EUR')).toBe('559.95'); // golden E009: 559.948
  });
  it('is never above bonus_target × cap (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.double({ min: 0, max: 1.5, noNaN: true }),
        fc.integer({ min: 1, max: 92 }),
        (cents, total, pd) => {
          const target = (cents / 100).toFixed(2);
          const days = Math.min(pd, 92);
          const amount = new Dec(bonusAmount(target, total, days, 92, 'EUR'));
          expect(amount.lte(roundMoney(new Dec(target).times(1.5)))).toBe(true);
          expect(amount.gte(0)).toBe(true);
        },
      ),
    );
  });
});

// The golden expected.json, computed independently from the spec: feed each line's own
// and segment KPI values into the math and compare every line and amount.
describe('golden bonus rows (pure math)', () => {
  const expected = JSON.parse(readFileSync(resolve(GOLDEN, 'expected.json'), 'utf8'));
  const plans = JSON.parse(readFileSync(resolve(GOLDEN, 'plans.json'), 'utf8')).plans as {
    key: string;
    lines: PlanLine[];
  }[];
  const employees = parse(readFileSync(resolve(GOLDEN, 'employees.csv'), 'utf8'), {
    columns: true,
  }) as Record<string, string>[];
  const dates = new Map<string, { hired: string; left: string | null }>();
  for (const e of employees) {
    dates.set(e.external_id!, { hired: e.hired_on!, left: e.left_on ? e.left_on : null });
  }
  for (const key of ['2026-Q1', '2026-Q2']) {
    const bonus = expected[key].bonus;
    const period =
      key === '2026-Q1'
        ? { start: '2026-01-01', end: '2026-04-01' }
        : { start: '2026-04-01', end: '2026-07-01' };
    const cases: [string, unknown][] = bonus.rows.map((r: { employee: string }) => [r.employee, r]);
    it.each(cases)(`${key} %s`, (_id, row) => {
      const exp = row as Record<string, unknown> & { lines: Record<string, unknown>[] };
      const plan = plans.find((p) => p.key === exp.plan)!;
      const inputs: LineInputs[] = exp.lines.map((l) => ({
        kpi: l.kpi as KpiKey,
        ownScope: `${exp.role === 'agent' ? 'employee' : 'manager'}:${exp.employee}`,
        own: {
          value: l.own_value as number | null,
          n: l.own_n as number,
          moe: l.fallback === 'segment' ? null : (l.moe as number | null | undefined),
        },
        segmentScope: `segment:${exp.segment}`,
        segment:
          l.fallback === 'segment'
            ? { value: l.value as number, n: l.n as number, moe: l.moe as number | undefined }
            : l.fallback === 'segment_below_min'
              ? { value: 0, n: l.segment_n as number }
              : null,
      }));
      const r = evaluateLines(plan.lines, inputs);
      r.lines.forEach((line, i) => {
        const want = exp.lines[i]!;
        const got: Record<string, unknown> = { ...line };
        for (const f of [
          'kpi',
          'source',
          'n',
          'own_n',
          'fallback',
          'segment_n',
          'weight',
          'min_sample',
        ]) {
          expect(got[f], `${f} of ${want.kpi}`).toEqual(want[f]);
        }
        for (const f of ['achievement', 'effective_weight', 'contribution', 'value', 'moe']) {
          const w = want[f] as number | null | undefined;
          const g = got[f] as number | null | undefined;
          if (w === null || w === undefined)
            expect(g ?? null, `${f} of ${want.kpi}`).toBe(w ?? null);
          else expect(Math.abs((g as number) - w), `${f} of ${want.kpi}`).toBeLessThan(1e-9);
        }
      });
      expect(Math.abs(r.total_achievement - (exp.total_achievement as number))).toBeLessThan(1e-9);
      const d = dates.get(exp.employee as string)!;
      const p = prorationDays(period, d.hired, d.left);
      expect(p).toEqual({ days: exp.proration_days, period_days: exp.period_days });
      expect(p.days / p.period_days).toBe(exp.proration);
      expect(
        bonusAmount(
          exp.bonus_target as string,
          r.total_achievement,
          p.days,
          p.period_days,
          exp.currency as string,
        ),
      ).toBe(exp.bonus_amount);
    });
  }
});

describe('shrinkage in a line', () => {
  const nps = (promoters: number, detractors: number, n: number) => ({
    value: n ? (100 * (promoters - detractors)) / n : null,
    n,
    basis: { kind: 'nps' as const, n, promoters, detractors },
  });
  const shrunkLine = (k: number): LineSpec => ({ ...line('nps', 1, 'neutral', 5), shrink: k });

  it('pulls toward the segment, or the company when the segment has n = 0 or there is none', () => {
    const seg = nps(4, 4, 10);
    const company = nps(30, 10, 100);
    expect(shrinkPrior(20, 'segment:S1', seg, company)?.scope).toBe('segment:S1');
    expect(shrinkPrior(20, 'segment:S1', nps(0, 0, 0), company)?.scope).toBe('company');
    expect(shrinkPrior(20, null, seg, company)?.scope).toBe('company');
    expect(shrinkPrior(0, 'segment:S1', seg, company)).toBeNull();
    // own 6 of 6 promoters (NPS 100), company 20, k = 4 → (600 + 80) / 10 = 68
    const r = evaluateLines(
      [shrunkLine(4)],
      [
        {
          kpi: 'nps',
          ownScope: 'employee:E1',
          own: nps(6, 0, 6),
          segmentScope: 'segment:S1',
          segment: null,
          prior: shrinkPrior(4, 'segment:S1', nps(0, 0, 0), company),
        },
      ],
    );
    expect(r.lines[0]).toMatchObject({
      own_value: 100,
      value: 68,
      shrinkage: { k: 4, raw: 100, prior: 20, prior_scope: 'company', prior_n: 100, shrunk: 68 },
    });
    // 68 is past the stretch (60): the cap; the raw 100 would have been capped too
    expect(r.exact_total.equals(q('1.5'))).toBe(true);
  });

  it('below the minimum sample the fallback applies, not shrinkage', () => {
    const r = evaluateLines(
      [shrunkLine(20)],
      [
        {
          kpi: 'nps',
          ownScope: 'employee:E1',
          own: nps(3, 0, 3),
          segmentScope: 'segment:S1',
          segment: null,
          prior: { scope: 'segment:S1', measured: nps(5, 5, 20) },
        },
      ],
    );
    expect(r.lines[0]).toMatchObject({ fallback: 'neutral', achievement: 1, shrinkage: null });
  });

  it('achievement is monotone in the raw value at fixed n (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 60 }),
        fc.nat(60),
        fc.nat(60),
        fc.integer({ min: 0, max: 200 }),
        fc.nat(100),
        fc.nat(100),
        (n, a, b, k, sp, sd) => {
          const lo = Math.min(a, b) % (n + 1);
          const hi = Math.max(a, b) % (n + 1);
          const [p1, p2] = lo <= hi ? [lo, hi] : [hi, lo];
          const prior = { scope: 'segment:S1', measured: nps(sp, sd, sp + sd + 1) };
          const at = (p: number) =>
            evaluateLines(
              [shrunkLine(k)],
              [
                {
                  kpi: 'nps',
                  ownScope: 'employee:E1',
                  own: nps(p, 0, n),
                  segmentScope: 'segment:S1',
                  segment: null,
                  prior,
                },
              ],
            ).exact_total;
          return at(p2).compare(at(p1)) >= 0;
        },
      ),
    );
  });
});
