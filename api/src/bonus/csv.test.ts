import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvHeader, csvRecord, neutralise } from './csv';
import type { BonusLine } from './math';
import type { BonusRow } from './service';

describe('neutralise', () => {
  it('prefixes text a spreadsheet would run as a formula', () => {
    for (const s of ['=SUM(1,2)', '+1', '-2+3', '@cmd', '\tx', '\rx'])
      expect(neutralise(s)).toBe(`'${s}`);
    for (const s of ['Anna', "O'Brien", 'Ölgerð', '', ' =x']) expect(neutralise(s)).toBe(s);
    expect(neutralise(null)).toBe('');
  });
});

const line = (over: Partial<BonusLine>): BonusLine => ({
  kpi: 'nps',
  own_value: -7.142857142857143,
  own_n: 56,
  source: 'employee:E1',
  value: -7.142857142857143,
  n: 56,
  weight: 0.5,
  min_sample: 5,
  fallback: null,
  achievement: 0,
  effective_weight: 0.5,
  contribution: 0,
  better: 'higher',
  threshold: 0,
  target: 30,
  stretch: 60,
  payout_at_threshold: 0.5,
  cap: 1.5,
  below_min: 'segment',
  ...over,
});

describe('csvRecord', () => {
  const row: BonusRow = {
    employee: 'E1',
    name: '=HYPERLINK("x")',
    email: '-e@x',
    role: 'agent',
    segment: null,
    currency: 'EUR',
    bonus_target: '1000.5',
    plan: 'agents',
    plan_valid_from: '2025-01-01',
    proration: 0.5,
    proration_days: 45,
    period_days: 90,
    total_achievement: 0.123456,
    bonus_amount: '61.76',
    lines: [
      line({}),
      line({
        kpi: 'resolution_h',
        value: null,
        n: 0,
        fallback: 'exclude',
        achievement: null,
        contribution: 0,
      }),
    ],
  };
  it('writes numbers with 4 decimals, money with 2, excluded and foreign KPIs as the layout says', () => {
    const kpis = ['nps', 'resolution_h', 'csat'];
    const rec = csvRecord(row, '2026-Q1', kpis);
    const header = csvHeader(kpis);
    expect(rec).toHaveLength(header.length);
    const cell = Object.fromEntries(header.map((h, i) => [h, rec[i]]));
    expect(cell).toMatchObject({
      name: `'=HYPERLINK("x")`,
      email: "'-e@x",
      segment: '',
      bonus_target: '1000.50',
      proration: '0.5000',
      nps_value: '-7.1429', // a number stays a number
      nps_n: '56',
      nps_achievement: '0.0000',
      resolution_h_value: '',
      resolution_h_n: '0',
      resolution_h_achievement: '',
      resolution_h_contribution: '0.0000',
      csat_value: '',
      csat_n: '',
      csat_achievement: '',
      csat_contribution: '',
      total_achievement: '0.1235',
      bonus_amount: '61.76',
    });
    // and survives a CSV round trip (quotes inside a quoted cell)
    expect(parse(`${rec.map((c) => `"${c.replaceAll('"', '""')}"`).join(',')}\r\n`)[0]).toEqual(
      rec,
    );
  });
});
