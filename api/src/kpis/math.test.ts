import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareForLeague,
  EMPTY_COUNTS,
  kpisFromCounts,
  median,
  npsMoe,
  npsValue,
  percent,
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
