import { describe, expect, it } from 'vitest';
import {
  convertPeriod,
  defaultPeriod,
  monthsBetween,
  PeriodError,
  parsePeriod,
  periodChoices,
  periodKind,
  periodLabel,
  periodLabelIn,
  periodPhase,
  previousPeriod,
  shiftPeriod,
  startedPeriod,
  tryParsePeriod,
  ttmWindow,
} from './period';

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
      expect(() => parsePeriod(bad)).toThrow(PeriodError);
      expect(periodKind(bad)).toBeNull();
    }
  });

  it('says in words what a period is, for a bogus one like 2026-Q7', () => {
    expect(() => parsePeriod('2026-Q7')).toThrow(
      '"2026-Q7" is not a period. A period is a month (2026-03), a quarter (2026-Q1) or a year (2026).',
    );
    expect(periodLabel('2026-Q7')).toBe('2026-Q7');
  });

  it('refuses periods that have not started; the running one is fine', () => {
    const today = '2026-05-20';
    expect(periodPhase(parsePeriod('2026-Q2'), today)).toBe('running');
    expect(periodPhase(parsePeriod('2026-04'), today)).toBe('ended');
    expect(periodPhase(parsePeriod('2026-06'), today)).toBe('not_started');
    expect(startedPeriod('2026-05', today).key).toBe('2026-05');
    expect(startedPeriod('2026', today).key).toBe('2026');
    const err = (() => {
      try {
        startedPeriod('2026-Q3', today);
      } catch (e) {
        return e as PeriodError;
      }
    })();
    expect(err).toMatchObject({
      code: 'period_not_started',
      message:
        'Q3 2026 has not started yet (it starts on 2026-07-01); choose a period up to today.',
    });
    // the first day of a period counts as started
    expect(startedPeriod('2026-06', '2026-06-01').key).toBe('2026-06');
  });

  it('offers the running period and earlier ones only, newest first', () => {
    expect(periodChoices('quarter', '2026-05-20', 3)).toEqual([
      '2026-Q2',
      '2026-Q1',
      '2025-Q4',
      '2025-Q3',
    ]);
    expect(periodChoices('month', '2026-01-01', 1)).toEqual(['2026-01', '2025-12']);
    expect(periodChoices('year', '2026-12-31', 0)).toEqual(['2026']);
    expect(defaultPeriod('2026-05-20')).toBe('2026-Q2');
  });

  it('shifts and converts keys across year ends', () => {
    expect(shiftPeriod('2026-01', -1)).toBe('2025-12');
    expect(shiftPeriod('2025-Q4', 1)).toBe('2026-Q1');
    expect(convertPeriod('2026-Q2', 'month')).toBe('2026-06');
    expect(convertPeriod('2026-02', 'quarter')).toBe('2026-Q1');
    expect(convertPeriod('2026-11', 'year')).toBe('2026');
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

describe('period labels in the reader’s language', () => {
  it('writes quarters as each language does, never "Q1" outside English', () => {
    expect(periodLabelIn('2026-Q1', 'en-US')).toBe('Q1 2026');
    expect(periodLabelIn('2026-Q1', 'ru')).toBe('I кв. 2026 г.');
    expect(periodLabelIn('2026-Q3', 'ru-RU')).toBe('III кв. 2026 г.');
    expect(periodLabelIn('2026-Q4', 'uk')).toBe('IV кв. 2026 р.');
    expect(periodLabelIn('2026-Q2', 'lv-LV')).toBe('2026. g. 2. ceturksnis');
    expect(periodLabelIn('2026-Q2', 'bg')).toBe('II тримесечие 2026 г.');
    // a language without its own form reads the English one
    expect(periodLabelIn('2026-Q2', 'de')).toBe('Q2 2026');
  });

  it('names months and years through Intl, in the language’s grammar', () => {
    expect(periodLabelIn('2026-03', 'en')).toBe('March 2026');
    expect(periodLabelIn('2026-03', 'ru')).toBe('март 2026 г.');
    expect(periodLabelIn('2026-09', 'uk')).toBe('вересень 2026 р.');
    expect(periodLabelIn('2026-09', 'lv')).toBe('2026. g. septembris');
    expect(periodLabelIn('2026-09', 'bg')).toBe('септември 2026 г.');
    expect(periodLabelIn('2026', 'en')).toBe('2026');
    expect(periodLabelIn('2026', 'lv')).toBe('2026. g.');
    expect(periodLabelIn('2026', 'ru')).toBe('2026');
    // the key itself is never translated
    expect(periodLabelIn('2026-Q7', 'ru')).toBe('2026-Q7');
  });
});
