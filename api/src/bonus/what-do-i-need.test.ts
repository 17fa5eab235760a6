import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { promotersNeeded } from './what-do-i-need';

const nps = (net: number, n: number) => (100 * net) / n;

describe('promotersNeeded', () => {
  it('matches hand calculations', () => {
    // NPS 20 on 10 answers (net 2): 2 more promoters give 4/12 = 33.3 ≥ 30; one gives 27.3
    expect(promotersNeeded(2, 10, 30, 5)).toBe(2);
    expect(promotersNeeded(2, 10, 20, 5)).toBe(0); // already there
    expect(promotersNeeded(2, 10, 20, 15)).toBe(5); // but 5 more to reach the minimum sample
    expect(promotersNeeded(0, 0, 30, 0)).toBe(1); // no answer yet: one promoter makes 100
    expect(promotersNeeded(-3, 3, 0, 0)).toBe(3); // -100 → 0 needs 3 promoters (0/6)
    expect(promotersNeeded(4, 5, 100, 0)).toBeNull(); // a passive or detractor stays forever
    expect(promotersNeeded(5, 5, 100, 0)).toBe(0);
  });
  it('is the least number that reaches the goal (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: -100, max: 99 }),
        (n, a, b, goal) => {
          const promoters = Math.min(a, n);
          const detractors = Math.min(b, n - promoters);
          const net = promoters - detractors;
          const k = promotersNeeded(net, n, goal, 0)!;
          expect(nps(net + k, n + k)).toBeGreaterThanOrEqual(goal - 1e-9);
          if (k > 0) expect(nps(net + k - 1, n + k - 1)).toBeLessThan(goal);
        },
      ),
    );
  });
});
