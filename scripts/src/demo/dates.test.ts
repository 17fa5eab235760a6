import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatDay,
  formatInstant,
  formatMonth,
  monthOfDay,
  monthStartDay,
  parseDay,
  quarterStartMonth,
} from './dates';

describe('demo dates', () => {
  it('parses real dates only', () => {
    expect(formatDay(parseDay('2028-02-29'))).toBe('2028-02-29');
    expect(() => parseDay('2026-02-29')).toThrow();
    expect(() => parseDay('2026-13-01')).toThrow();
    expect(() => parseDay('26-01-01')).toThrow();
  });

  it('round-trips days and months across year ends', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), (day) => {
        expect(parseDay(formatDay(day))).toBe(day);
        const m = monthOfDay(day);
        expect(monthStartDay(m) <= day && day < monthStartDay(m + 1)).toBe(true);
        expect(formatDay(monthStartDay(m))).toBe(`${formatMonth(m)}-01`);
      }),
    );
    expect(formatMonth(monthOfDay(parseDay('2026-12-31')) + 1)).toBe('2027-01');
  });

  it('finds the quarter start and writes instants as UTC seconds', () => {
    const nov = monthOfDay(parseDay('2026-11-22'));
    expect(formatMonth(quarterStartMonth(nov))).toBe('2026-10');
    expect(formatMonth(quarterStartMonth(monthOfDay(parseDay('2026-01-05'))))).toBe('2026-01');
    expect(formatInstant(Date.UTC(2026, 2, 4, 10, 0, 0, 999))).toBe('2026-03-04T10:00:00Z');
  });
});
