import { describe, expect, it } from 'vitest';
import { monthsBetween, parsePeriod, previousPeriod, tryParsePeriod, ttmWindow } from './period';

describe('parsePeriod', () => {
  it('reads months, quarters and years as [start, end)', () => {
    expect(parsePeriod('2026-03')).toEqual({
      key: '2026-03',
      kind: 'month',
      start: '2026-03-01',
      end: '2026-04-01',
      days: 31,
    });
    expect(parsePeriod('2026-Q1')).toMatchObject({
      start: '2026-01-01',
      end: '2026-04-01',
      days: 90,
    });
    expect(parsePeriod('2026-Q2').days).toBe(91);
    expect(parsePeriod('2024-Q1').days).toBe(91); // leap year
    expect(parsePeriod('2026-Q4')).toMatchObject({ start: '2026-10-01', end: '2027-01-01' });
    expect(parsePeriod('2026')).toMatchObject({
      kind: 'year',
      start: '2026-01-01',
      end: '2027-01-01',
      days: 365,
    });
  });

  it('rejects anything else with a 400', () => {
    for (const bad of ['2026-13', '2026-Q5', '26', '2026-3', '', 'Q1-2026', '2026-00']) {
      expect(tryParsePeriod(bad)).toBeNull();
      expect(() => parsePeriod(bad)).toThrow(/period must be/);
    }
  });

  it('steps back to the previous period of the same kind', () => {
    expect(previousPeriod(parsePeriod('2026-01')).key).toBe('2025-12');
    expect(previousPeriod(parsePeriod('2026-Q1')).key).toBe('2025-Q4');
    expect(previousPeriod(parsePeriod('2026-Q3')).key).toBe('2026-Q2');
    expect(previousPeriod(parsePeriod('2026')).key).toBe('2025');
  });

  it('gives the 12 months ending with the period’s last month', () => {
    expect(ttmWindow(parsePeriod('2026-Q1'))).toEqual({ from: '2025-04-01', to: '2026-04-01' });
    expect(ttmWindow(parsePeriod('2026-03'))).toEqual({ from: '2025-04-01', to: '2026-04-01' });
    expect(ttmWindow(parsePeriod('2026'))).toEqual({ from: '2026-01-01', to: '2027-01-01' });
  });

  it('lists months between two months', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
  });
});
