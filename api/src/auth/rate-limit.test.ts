import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { delayAfter, FREE_FAILURES, MAX_DELAY_SECONDS, waitText } from './rate-limit';

describe('sign-in throttle arithmetic', () => {
  it('the first failures are free, then the wait doubles from a minute up to an hour', () => {
    expect([0, 1, 2, 3, 4].map(delayAfter)).toEqual([0, 0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 12, 50].map(delayAfter)).toEqual([
      60, 120, 240, 480, 960, 1920, 3600, 3600, 3600,
    ]);
  });

  it('never shrinks as failures grow, never exceeds the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (n) => {
        expect(delayAfter(n + 1)).toBeGreaterThanOrEqual(delayAfter(n));
        expect(delayAfter(n)).toBeLessThanOrEqual(MAX_DELAY_SECONDS);
        expect(delayAfter(n) > 0).toBe(n >= FREE_FAILURES);
      }),
    );
  });

  it('says waits in whole minutes, rounded up, never in seconds', () => {
    expect(waitText(1)).toBe('in 1 minute');
    expect(waitText(60)).toBe('in 1 minute');
    expect(waitText(61)).toBe('in 2 minutes');
    expect(waitText(897)).toBe('in 15 minutes');
    expect(waitText(3600)).toBe('in 1 hour');
  });
});
