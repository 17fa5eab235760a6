import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { Dec, roundFixed } from '../lib/decimal';
import { exactText, q, ratio } from '../lib/exact';
import { csvHeader, csvRecord, neutralise, reconcilingFactor } from './csv';
import { bonusAmount, evaluateLines, type LineSpec, payoutFactor } from './math';
import { type StoredLine, shapeRow } from './service';

describe('neutralise', () => {
  it('prefixes text a spreadsheet would run as a formula', () => {
    for (const s of ['=SUM(1,2)', '+1', '-2+3', '@cmd', '\tx', '\rx'])
      expect(neutralise(s)).toBe(`'${s}`);
    for (const s of ['Anna', "O'Brien", 'Ölgerð', '', ' =x']) expect(neutralise(s)).toBe(s);
    expect(neutralise(null)).toBe('');
  });
});

const line = (over: Partial<StoredLine>): StoredLine => ({
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
  const row = shapeRow({
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
  });
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

describe('HR CSV numbers are the half-even rounding of exact values (issue 10.3, 16)', () => {
  const curve = { threshold: 0, target: 30, stretch: 60, cap: 1.5, min_sample: 0 };
  const plan: LineSpec[] = [
    // NPS 37.5 (4 promoters, 1 detractor of 8) → achievement 1 + 0.5 × 7.5/30 = 1.125;
    // weight 0.15 → contribution exactly 0.16875
    { kpi: 'nps', weight: 0.15, ...curve, payout_at_threshold: 0.5, below_min: 'neutral' },
    // CSAT 3.75 % (3 of 80) on a curve from 0 → achievement 3.75/30 = 0.125; weight 0.35
    // → contribution exactly 0.04375
    { kpi: 'csat', weight: 0.35, ...curve, payout_at_threshold: 0, below_min: 'neutral' },
    // CES 10/3 (sum 10 of 3 answers): a third line that keeps the weights at 1
    { kpi: 'ces', weight: 0.5, ...curve, payout_at_threshold: 0, below_min: 'neutral' },
  ];
  const basisNps = { kind: 'nps' as const, n: 8, promoters: 4, detractors: 1 };
  const basisCsat = { kind: 'share' as const, n: 80, x: 3 };
  const basisCes = { kind: 'mean' as const, n: 3, sum: q(10) };
  const { lines, exact_total } = evaluateLines(plan, [
    {
      kpi: 'nps',
      ownScope: 'employee:E1',
      own: { value: 37.5, n: 8, basis: basisNps },
      segmentScope: null,
      segment: null,
    },
    {
      kpi: 'csat',
      ownScope: 'employee:E1',
      own: { value: 3.75, n: 80, basis: basisCsat },
      segmentScope: null,
      segment: null,
    },
    {
      kpi: 'ces',
      ownScope: 'employee:E1',
      own: { value: 10 / 3, n: 3, basis: basisCes },
      segmentScope: null,
      segment: null,
    },
  ]);
  const factor = payoutFactor(exact_total, 37, 91);
  const row = shapeRow({
    employee: 'E1',
    name: 'N',
    email: 'e',
    role: 'agent',
    segment: null,
    currency: 'UAH',
    bonus_target: '243955.45',
    plan: 'agents',
    plan_valid_from: '2025-01-01',
    proration: 37 / 91,
    proration_days: 37,
    period_days: 91,
    total_achievement: exact_total.valueOf(),
    bonus_amount: bonusAmount('243955.45', exact_total, 37, 91, 'UAH'),
    lines,
    exact: {
      proration: '37/91',
      total_achievement: exactText(exact_total),
      payout_factor: exactText(factor),
    },
  });
  const kpis = ['nps', 'csat', 'ces'];
  const cell = Object.fromEntries(
    csvHeader(kpis).map((h, i) => [h, csvRecord(row, '2026-Q2', kpis)[i]]),
  );

  it('prints exact ties half-even: 0.16875 → 0.1688, 0.04375 → 0.0438', () => {
    // what the float path printed: the products land just below the tie
    expect(roundFixed(0.15 * 1.125, 4)).toBe('0.1687');
    expect(cell.nps_value).toBe('37.5000');
    expect(cell.nps_achievement).toBe('1.1250');
    expect(cell.nps_contribution).toBe('0.1688');
    expect(cell.csat_value).toBe('3.7500');
    expect(cell.csat_achievement).toBe('0.1250');
    expect(cell.csat_contribution).toBe('0.0438');
    // CES 10/3 → achievement (10/3)/30 = 1/9, × 0.5 = 1/18 = 0.0555…
    expect(cell.ces_contribution).toBe('0.0556');
    // total = 0.16875 + 0.04375 + 1/18 = 0.2680555… ; proration 37/91 = 0.40659…
    expect(cell.total_achievement).toBe('0.2681');
    expect(cell.proration).toBe('0.4066');
  });

  it('reconciles: bonus_target × payout_factor rounds half-even to bonus_amount', () => {
    // by hand: 243955.45 × (0.2125 + 1/18) × 37/91
    const byHand = new Dec('243955.45')
      .times(new Dec('0.2125').plus(new Dec(1).div(18)))
      .times(37)
      .div(91)
      .toDecimalPlaces(2, Dec.ROUND_HALF_EVEN)
      .toFixed(2);
    expect(cell.bonus_amount).toBe(byHand);
    const check = new Dec(cell.bonus_target!)
      .times(cell.payout_factor!)
      .toDecimalPlaces(2, Dec.ROUND_HALF_EVEN)
      .toFixed(2);
    expect(check).toBe(cell.bonus_amount);
    // and the 4-decimal cells alone do not (why the factor column exists)
    const fromCells = new Dec(cell.bonus_target!)
      .times(cell.total_achievement!)
      .times(cell.proration!)
      .toDecimalPlaces(2)
      .toFixed(2);
    expect(fromCells).not.toBe(cell.bonus_amount);
  });

  it('the factor column reconciles on a half-cent tie too', () => {
    // 1/3 × 0.03 = 0.01 exactly: target 0.03, factor 1/6 → 0.005, a tie that half-even
    // takes to 0.00; the printed factor must not round the other way
    const f = reconcilingFactor(ratio(1, 6), '0.03', '0.00', 'EUR');
    expect(new Dec('0.03').times(f).toDecimalPlaces(2, Dec.ROUND_HALF_EVEN).toFixed(2)).toBe(
      '0.00',
    );
    expect(reconcilingFactor(ratio(1, 2), '10.00', '5.00', 'EUR')).toBe('0.500000');
  });
});
