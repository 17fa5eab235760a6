import { describe, expect, it } from 'vitest';
import { isDomainError } from '../lib/errors';
import { HTTP_STATUS } from '../lib/http-errors';
import { MAX_TREND_POINTS, periodsBetween } from './service';

describe('periodsBetween (trend axis)', () => {
  it('lists months, quarters and years inclusive, oldest first, across year ends', () => {
    expect(periodsBetween('2025-11', '2026-02', 'month').map((p) => p.key)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(periodsBetween('2025-Q3', '2026-Q1', 'quarter').map((p) => p.key)).toEqual([
      '2025-Q3',
      '2025-Q4',
      '2026-Q1',
    ]);
    expect(periodsBetween('2024', '2026', 'year').map((p) => p.key)).toEqual([
      '2024',
      '2025',
      '2026',
    ]);
    expect(periodsBetween('2026-03', '2026-03', 'month')).toHaveLength(1);
  });

  it('rejects mixed kinds, reversed bounds and too long a series with a 400', () => {
    const status = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return isDomainError(err) ? HTTP_STATUS[err.code] : 500;
      }
      return 200;
    };
    expect(status(() => periodsBetween('2026-Q1', '2026-03', 'month'))).toBe(400);
    expect(status(() => periodsBetween('2026-01', '2026-03', 'quarter'))).toBe(400);
    expect(status(() => periodsBetween('2026-04', '2026-03', 'month'))).toBe(400);
    expect(status(() => periodsBetween('2000-01', '2026-12', 'month'))).toBe(400);
    expect(periodsBetween('2007-01', '2026-12', 'month')).toHaveLength(MAX_TREND_POINTS);
  });
});
