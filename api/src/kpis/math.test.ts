import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { q, ratio } from '../lib/exact';
import {
  changeTest,
  changeText,
  compareForLeague,
  EMPTY_COUNTS,
  exactValue,
  kpisFromCounts,
  median,
  npsMoe,
  npsValue,
  percent,
  shrunkValue,
} from './math';
import { KPI_KEYS } from './types';

describe('NPS', () => {
  it('is 100 × (promoters − detractors) / n', () => {
    // 11 promoters, 14 detractors of 59 (golden company 2026-Q1: −5.0847…)
    expect(npsValue(11, 14, 59)).toBeCloseTo(-300 / 59, 12);
    expect(npsValue(3, 0, 3)).toBe(100);
    expect(npsValue(0, 0, 0)).toBeNull();
  });

  it('margin of error by hand: p = 0.5, d = 0.25, n = 4', () => {
    // 1.96 × 100 × sqrt((0.75 − 0.0625) / 4) = 196 × sqrt(0.171875)
    expect(npsMoe(2, 1, 4)).toBeCloseTo(196 * Math.sqrt(0.171875), 12);
    expect(npsMoe(0, 0, 0)).toBeNull();
  });

  it('margin of error is 0 when every answer is alike, never NaN', () => {
    expect(npsMoe(7, 0, 7)).toBe(0);
    expect(npsMoe(0, 7, 7)).toBe(0);
    expect(npsMoe(0, 0, 7)).toBe(0);
  });

  it('value stays within [−100, 100] and moe is finite and ≥ 0 for any counts', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(500), fc.nat(500), (p, d, passive) => {
        const n = p + d + passive;
        const v = npsValue(p, d, n);
        const m = npsMoe(p, d, n);
        if (n === 0) return v === null && m === null;
        return v! >= -100 && v! <= 100 && Number.isFinite(m) && m! >= 0;
      }),
    );
  });
});

describe('median', () => {
  it('of an even count is the mean of the two middle values', () => {
    expect(median([7, 1, 4, 2])).toBe(3);
    expect(median([50, 10, 30, 20])).toBe(25);
  });
  it('of an odd count is the middle value; of nothing null', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([])).toBeNull();
  });
  it('lies between the two middle values of the sorted sample', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1 }), (xs) => {
        const s = [...xs].sort((a, b) => a - b);
        const m = median(xs)!;
        return m >= s[Math.floor((s.length - 1) / 2)]! && m <= s[Math.ceil((s.length - 1) / 2)]!;
      }),
    );
  });
});

describe('kpisFromCounts', () => {
  it('gives null values and n = 0 for an empty scope', () => {
    const k = kpisFromCounts(EMPTY_COUNTS);
    for (const key of KPI_KEYS) {
      expect(k[key].value).toBeNull();
      expect(k[key].n).toBe(0);
    }
    expect(k.nps.moe).toBeNull();
  });

  it('computes each KPI from its counts', () => {
    const k = kpisFromCounts({
      ...EMPTY_COUNTS,
      npsN: 4,
      promoters: 2,
      detractors: 1,
      csatN: 3,
      csatGood: 2,
      cesN: 2,
      cesSum: 9,
      firstResponseN: 4,
      firstResponseMedian: 3,
      resolvedN: 8,
      resolutionMedian: 25,
      followedUp: 2,
      recovered: 6,
      retentionBase: 5,
      retained: 3,
    });
    expect(k.nps).toMatchObject({ value: 25, n: 4, promoters: 2, detractors: 1 });
    expect(k.csat.value).toBeCloseTo(200 / 3, 12);
    expect(k.ces).toEqual({ value: 4.5, n: 2 });
    expect(k.first_response_h).toEqual({ value: 3, n: 4 });
    expect(k.resolution_h).toEqual({ value: 25, n: 8 });
    expect(k.follow_up_rate).toEqual({ value: 25, n: 8 });
    expect(k.recovery_rate).toEqual({ value: 75, n: 8 });
    expect(k.retention_rate).toEqual({ value: 60, n: 5 });
  });

  it('percent is a share of 100', () => {
    expect(percent(1, 4)).toBe(25);
    expect(percent(0, 0)).toBeNull();
  });
});

describe('compareForLeague', () => {
  const row = (value: number | null, label: string) => ({ value, label });
  it('puts the best first by the KPI direction, nulls last, ties by label', () => {
    const rows = [row(10, 'b'), row(null, 'a'), row(30, 'c'), row(10, 'a')];
    const higher = [...rows].sort((x, y) => compareForLeague('nps', x, y));
    expect(higher.map((r) => `${r.label}${r.value}`)).toEqual(['c30', 'a10', 'b10', 'anull']);
    const lower = [...rows].sort((x, y) => compareForLeague('resolution_h', x, y));
    expect(lower.map((r) => `${r.label}${r.value}`)).toEqual(['a10', 'b10', 'c30', 'anull']);
  });
});

describe('is a change real? (DESIGN.md, hand-worked)', () => {
  const nps = (promoters: number, detractors: number, n: number) =>
    ({ kind: 'nps', n, promoters, detractors }) as const;
  const share = (x: number, n: number) => ({ kind: 'share', n, x }) as const;

  it('NPS: significant when |Δ| > sqrt(moe₁² + moe₂²), within noise otherwise', () => {
    // now 30 P, 10 D of 50 → NPS 40, moe 196·sqrt((0.8 − 0.16)/50) = 196·sqrt(0.0128)
    const m1 = 196 * Math.sqrt(0.0128);
    // before 20 P, 20 D of 50 → NPS 0, moe 196·sqrt(0.8/50)
    const up = changeTest(nps(30, 10, 50), nps(20, 20, 50));
    expect(up.delta).toBe(40);
    expect(up.margin).toBeCloseTo(Math.sqrt(m1 ** 2 + (196 * Math.sqrt(0.016)) ** 2), 10); // 33.26
    expect(up.significant).toBe(true);
    // before 25 P, 15 D of 50 → NPS 20: Δ = 20 < sqrt(m1² + (196·sqrt(0.0152))²) ≈ 32.8
    const small = changeTest(nps(30, 10, 50), nps(25, 15, 50));
    expect(small.delta).toBe(20);
    expect(small.margin).toBeCloseTo(Math.sqrt(m1 ** 2 + (196 * Math.sqrt(0.0152)) ** 2), 10);
    expect(small.significant).toBe(false);
    expect(changeText(small)).toBe(
      'Within noise: samples of this size move by up to ±32.8 by chance, so this change may mean nothing.',
    );
    // and downwards the same (the test is on |Δ|)
    expect(changeTest(nps(20, 20, 50), nps(30, 10, 50)).significant).toBe(true);
    expect(changeTest(nps(25, 15, 50), nps(30, 10, 50)).significant).toBe(false);
  });

  it('shares: |Δ| > 1.96 × 100 × sqrt(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂)', () => {
    // 60 % of 100 vs 45 % of 100: band 196·sqrt(0.0024 + 0.002475) ≈ 13.685 < 15
    const a = changeTest(share(60, 100), share(45, 100));
    expect(a.margin).toBeCloseTo(196 * Math.sqrt(0.0024 + 0.002475), 10);
    expect(a.significant).toBe(true);
    expect(changeText(a)).toBe(
      'A real change: larger than the ±13.7 that samples of this size move by chance.',
    );
    // 60 % vs 48 %: band 196·sqrt(0.0024 + 0.002496) ≈ 13.714 > 12
    const b = changeTest(share(60, 100), share(48, 100));
    expect(b.margin).toBeCloseTo(196 * Math.sqrt(0.0024 + 0.002496), 10);
    expect(b.significant).toBe(false);
  });

  it('no test for CES and medians, nor with an empty side', () => {
    const ces = changeTest({ kind: 'mean', n: 3, sum: q(15) }, { kind: 'mean', n: 2, sum: q(6) });
    expect(ces).toEqual({ delta: 2, margin: null, significant: null });
    expect(changeTest(nps(1, 0, 1), nps(0, 0, 0))).toEqual({
      delta: null,
      margin: null,
      significant: null,
    });
  });
});

describe('shrinkage (DESIGN.md, hand-worked)', () => {
  const own = { kind: 'nps', n: 6, promoters: 4, detractors: 1 } as const; // raw 50
  const seg = { kind: 'nps', n: 40, promoters: 14, detractors: 8 } as const; // 15 (p₀ .35, d₀ .2)

  it('NPS: 100 × ((P + k·p₀) − (D + k·d₀)) / (n + k)', () => {
    // k = 20: 100 × ((4 + 7) − (1 + 4)) / 26 = 600/26 = 23.0769…
    expect(shrunkValue(own, seg, q(20))!.equals(ratio(600, 26))).toBe(true);
    // k = 0 is the raw value
    expect(shrunkValue(own, seg, q(0))!.equals(50)).toBe(true);
    // k → ∞ approaches the prior: k = 10⁹ is within 10⁻⁶ of 15
    expect(Math.abs(shrunkValue(own, seg, q(1e9))!.valueOf() - 15)).toBeLessThan(1e-6);
  });

  it('CSAT and rates: 100 × (x + k·r₀) / (n + k); CES (Σ + k·m₀) / (n + k); medians never', () => {
    // 3 of 4 satisfied, segment 50 % (10 of 20), k = 4: 100 × (3 + 2) / 8 = 62.5
    const csat = shrunkValue({ kind: 'share', n: 4, x: 3 }, { kind: 'share', n: 20, x: 10 }, q(4));
    expect(csat!.equals(q('62.5'))).toBe(true);
    // CES sum 18 of 3 (mean 6), segment mean 4 (sum 40 of 10), k = 3: (18 + 12) / 6 = 5
    const ces = shrunkValue(
      { kind: 'mean', n: 3, sum: q(18) },
      { kind: 'mean', n: 10, sum: q(40) },
      q(3),
    );
    expect(ces!.equals(5)).toBe(true);
    const median = { kind: 'median', n: 5, value: q('7.5') } as const;
    expect(
      shrunkValue(median, { kind: 'median', n: 50, value: q(20) }, q(10))!.equals(q('7.5')),
    ).toBe(true);
    // a prior with n = 0 cannot pull: the raw value
    expect(
      shrunkValue(own, { kind: 'nps', n: 0, promoters: 0, detractors: 0 }, q(20))!.equals(50),
    ).toBe(true);
  });

  it('lies between the raw value and the prior (property)', () => {
    fc.assert(
      fc.property(
        fc.nat(60),
        fc.nat(60),
        fc.nat(60),
        fc.nat(200),
        fc.nat(200),
        fc.nat(200),
        fc.integer({ min: 0, max: 500 }),
        (p, d, o, sp, sd, so, k) => {
          const n = p + d + o;
          const sn = sp + sd + so;
          if (n === 0 || sn === 0) return true;
          const a = { kind: 'nps', n, promoters: p, detractors: d } as const;
          const b = { kind: 'nps', n: sn, promoters: sp, detractors: sd } as const;
          const s = shrunkValue(a, b, q(k))!;
          const raw = exactValue(a)!;
          const prior = exactValue(b)!;
          const lo = raw.compare(prior) <= 0 ? raw : prior;
          const hi = raw.compare(prior) <= 0 ? prior : raw;
          return s.compare(lo) >= 0 && s.compare(hi) <= 0;
        },
      ),
    );
  });
});
