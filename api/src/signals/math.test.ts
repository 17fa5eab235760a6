import { describe, expect, it } from 'vitest';
import { binomialTail, burst, repeatCustomer, topBoxAnomaly, unfoundedShare } from './math';

describe('binomial tail', () => {
  it('matches hand sums', () => {
    // n = 3, p = 0.5: P(X ≥ 2) = (3 + 1) / 8
    expect(binomialTail(3, 2, 0.5)).toBeCloseTo(0.5, 12);
    // n = 4, p = 0.25: P(X ≥ 4) = 0.25⁴; P(X ≥ 3) = 4·0.25³·0.75 + 0.25⁴
    expect(binomialTail(4, 4, 0.25)).toBeCloseTo(0.25 ** 4, 14);
    expect(binomialTail(4, 3, 0.25)).toBeCloseTo(4 * 0.25 ** 3 * 0.75 + 0.25 ** 4, 14);
    expect(binomialTail(10, 0, 0.3)).toBe(1);
    expect(binomialTail(10, 11, 0.3)).toBe(0);
    // far tails stay finite and positive: 30 of 30 at p = 0.1 is 1e-30
    expect(binomialTail(30, 30, 0.1) / 1e-30).toBeCloseTo(1, 9);
  });
});

describe('signal thresholds (each at its threshold and one step below)', () => {
  it('top_box_anomaly: n ≥ 20 and P < 0.001', () => {
    // segment share 0.5 (50 of 100): 20 of 20 promoters → P = 0.5²⁰ ≈ 9.5e-7 < 0.001
    expect(topBoxAnomaly(20, 20, 100, 50)).toMatchObject({ flagged: true });
    expect(topBoxAnomaly(20, 20, 100, 50).probability).toBeCloseTo(0.5 ** 20, 15);
    // n = 19: below the minimum sample, however unlikely
    expect(topBoxAnomaly(19, 19, 100, 50)).toMatchObject({ flagged: false, probability: null });
    // n = 20 at share 0.5: P(X ≥ 16) = 6196/2²⁰ ≈ 0.0059 ≥ 0.001 → not flagged; P(X ≥ 17) =
    // 1351/2²⁰ ≈ 0.00129 still not; P(X ≥ 18) = 211/2²⁰ ≈ 0.000201 → flagged
    expect(topBoxAnomaly(20, 17, 100, 50)).toMatchObject({ flagged: false });
    expect(topBoxAnomaly(20, 17, 100, 50).probability).toBeCloseTo(1351 / 2 ** 20, 12);
    expect(topBoxAnomaly(20, 18, 100, 50)).toMatchObject({ flagged: true });
    expect(topBoxAnomaly(20, 18, 100, 50).probability).toBeCloseTo(211 / 2 ** 20, 12);
    // no segment answers to compare with: not testable
    expect(topBoxAnomaly(30, 30, 0, 0)).toMatchObject({ flagged: false, segment_share: null });
  });

  it('repeat_customer: n ≥ 10 and one customer > 30 %', () => {
    expect(repeatCustomer(10, 4)).toBe(true); // 40 %
    expect(repeatCustomer(10, 3)).toBe(false); // exactly 30 % is not more
    expect(repeatCustomer(9, 9)).toBe(false); // n one below the minimum
    expect(repeatCustomer(20, 7)).toBe(true); // 35 %
    expect(repeatCustomer(20, 6)).toBe(false);
  });

  it('burst: 5 or more in one 10-minute window', () => {
    expect(burst(5)).toBe(true);
    expect(burst(4)).toBe(false);
  });

  it('unfounded_share: ≥ 3 handled and more than twice the segment share', () => {
    // segment 10 % (2 of 20); 1 of 3 = 33 % > 20 % → flagged
    expect(unfoundedShare(3, 1, 20, 2)).toBe(true);
    // 2 handled: one below the minimum
    expect(unfoundedShare(2, 2, 20, 2)).toBe(false);
    // exactly twice (2 of 10 = 20 % vs 10 %) is not more than twice
    expect(unfoundedShare(10, 2, 20, 2)).toBe(false);
    expect(unfoundedShare(10, 3, 20, 2)).toBe(true);
  });
});
