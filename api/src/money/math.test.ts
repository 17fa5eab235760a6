import type { AssumptionValues } from '@delight/db';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS } from '../assumptions/schema';
import { Dec } from '../lib/decimal';
import {
  clv,
  computeFigures,
  formatFigures,
  type MoneyInputs,
  movedValue,
  NPS_CLASSES,
  npsClass,
  sensitivity,
  years,
} from './math';

const A = DEFAULT_ASSUMPTIONS;
const none = { n: 0, ttm: '0' };

/**
 * Hand-made scope: promoter P (ttm 1000), detractor D (2000), and U who never answered
 * a survey (400, class unknown); one customer churned with ttm_at_churn 1200; two
 * recovered complaints whose customers' ttm sum to 3000; actions costing 150.50.
 */
const inputs: MoneyInputs = {
  classes: {
    promoter: { n: 1, ttm: '1000' },
    passive: none,
    detractor: { n: 1, ttm: '2000' },
    unknown: { n: 1, ttm: '400' },
  },
  churned: { n: 1, ttm: '1200' },
  recovered: { n: 2, ttm: '3000' },
  actions: { n: 3, cost: '150.50' },
};

describe('years(p)', () => {
  it('sums (1 − p)^y over the whole years of the horizon', () => {
    expect(years('0.05', 3).toString()).toBe('2.8525'); // 1 + 0.95 + 0.9025
    expect(years('0.15', 3).toString()).toBe('2.5725'); // 1 + 0.85 + 0.7225
    expect(years('0.3', 3).toString()).toBe('2.19'); // 1 + 0.7 + 0.49
    expect(years('0.3', 1).toString()).toBe('1');
    expect(years('1', 5).toString()).toBe('1'); // gone after the first year
    expect(years('0', 4).toString()).toBe('4');
  });
});

describe('clv and classes', () => {
  it('multiplies ttm, margin and the class years', () => {
    expect(clv('1000', 'promoter', A).toString()).toBe('998.375'); // 1000 × 0.35 × 2.8525
    expect(clv('400', 'unknown', A).toString()).toBe('360.15'); // 400 × 0.35 × 2.5725
  });
  it('classes NPS scores, no answer being unknown', () => {
    expect([10, 9, 8, 7, 6, 0, null].map(npsClass)).toEqual([
      'promoter',
      'promoter',
      'passive',
      'passive',
      'detractor',
      'detractor',
      'unknown',
    ]);
  });
});

describe('computeFigures', () => {
  it('matches a hand calculation, the customer without responses counting as unknown', () => {
    const f = formatFigures(computeFigures(inputs, A), 'EUR');
    expect(f).toEqual({
      ttm_revenue: '3400.00',
      revenue_at_risk: '2000.00',
      // 1000 × 0.05 + 2000 × 0.30 + 400 × 0.15
      expected_churn_loss: '710.00',
      // (998.375 + 1533 + 360.15) / 3 = 963.841666…
      avg_clv: '963.84',
      // 1 × 2 × 0.01 × 963.841666… = 19.2768…
      promoter_referral_value: '19.28',
      // 1 × 22 × 0.01 × 963.841666… = 212.0451…
      detractor_word_of_mouth_cost: '212.05',
      // 1200 × 0.35 × 2.5725 + 22 × 0.01 × 963.841666… = 1080.45 + 212.0451…
      lost_customer_cost: '1292.50',
      // 3000 × 0.35 × (2.5725 − 2.19) = 401.625: half-even gives .62, not .63
      recovery_value: '401.62',
      recovery_cost: '150.50',
      // from the unrounded value: (401.625 − 150.5) / 150.5
      recovery_roi: 251.125 / 150.5,
    });
  });

  it('values customers billed in several currencies once their months are converted', () => {
    // promoter billed 10000 UAH in January (0.025 EUR/UAH) and 10000 UAH in February
    // (0.02); a customer without responses billed 2000 BGN (0.5); a 4000 UAH gift in
    // January. SQL converts each amount at its own month's rate, as here.
    const uah = new Dec(10000).times('0.025').plus(new Dec(10000).times('0.02')); // 450
    const bgn = new Dec(2000).times('0.5'); // 1000
    const f = formatFigures(
      computeFigures(
        {
          classes: {
            promoter: { n: 1, ttm: uah.toString() },
            passive: none,
            detractor: none,
            unknown: { n: 1, ttm: bgn.toString() },
          },
          churned: none,
          recovered: { n: 1, ttm: uah.toString() },
          actions: { n: 1, cost: new Dec(4000).times('0.025').toString() },
        },
        A,
      ),
      'EUR',
    );
    expect(f).toMatchObject({
      ttm_revenue: '1450.00',
      expected_churn_loss: '172.50', // 450 × 0.05 + 1000 × 0.15
      avg_clv: '674.82', // (450 × 0.35 × 2.8525 + 1000 × 0.35 × 2.5725) / 2 = 674.821875
      promoter_referral_value: '13.50', // 2 × 0.01 × 674.821875 = 13.4964375
      detractor_word_of_mouth_cost: '0.00',
      recovery_value: '60.24', // 450 × 0.35 × 0.3825 = 60.24375
      recovery_cost: '100.00',
    });
  });

  it('has no average customer in an empty scope, and no roi without cost', () => {
    const empty: MoneyInputs = {
      classes: { promoter: none, passive: none, detractor: none, unknown: none },
      churned: { n: 1, ttm: '100' },
      recovered: none,
      actions: { n: 0, cost: '0' },
    };
    const f = formatFigures(computeFigures(empty, A), 'EUR');
    expect(f.avg_clv).toBeNull();
    expect(f.promoter_referral_value).toBe('0.00');
    expect(f.detractor_word_of_mouth_cost).toBe('0.00');
    expect(f.lost_customer_cost).toBe('90.04'); // 100 × 0.35 × 2.5725 = 90.0375
    expect(f.recovery_roi).toBeNull();
  });

  it('rounds to the minor unit of the reporting currency', () => {
    expect(formatFigures(computeFigures(inputs, A), 'JPY').recovery_value).toBe('402');
  });
});

describe('sensitivity', () => {
  it('moves one assumption by ±20 % and leaves the rest', () => {
    const rows = sensitivity(inputs, A, 'EUR');
    const happy = rows.find((r) => r.assumption === 'happy_tells')!;
    expect([happy.low.value, happy.high.value]).toEqual(['1.6', '2.4']);
    // referral is linear in happy_tells: 19.2768… × 0.8 and × 1.2
    expect(happy.low.figures.promoter_referral_value).toBe('15.42');
    expect(happy.high.figures.promoter_referral_value).toBe('23.13');
    expect(happy.low.figures.expected_churn_loss).toBe('710.00');
    const det = rows.find((r) => r.assumption === 'churn_p.detractor')!;
    // 50 + 2000 × 0.24 + 60 and 50 + 2000 × 0.36 + 60
    expect(det.low.figures.expected_churn_loss).toBe('590.00');
    expect(det.high.figures.expected_churn_loss).toBe('830.00');
  });

  it('keeps shares ≤ 1 and the horizon in whole years', () => {
    const a: AssumptionValues = { ...A, churn_p: { ...A.churn_p, detractor: '0.9' } };
    expect(movedValue(a, 'churn_p.detractor', '1.2')).toBe('1');
    expect(movedValue(A, 'horizon_years', '0.8')).toBe('2'); // 2.4
    expect(movedValue(A, 'horizon_years', '1.2')).toBe('4'); // 3.6
    expect(movedValue({ ...A, horizon_years: '1' }, 'horizon_years', '0.8')).toBe('1');
  });
});

// --- properties -------------------------------------------------------------

const cents = fc.bigInt({ min: 0n, max: 10_000_000_000n }).map((c) => new Dec(String(c)).div(100));
const share = fc.integer({ min: 0, max: 1000 }).map((x) => new Dec(x).div(1000).toString());
const group = fc.record({ n: fc.integer({ min: 0, max: 500 }), ttm: cents.map(String) });
const moneyInputs = fc.record({
  classes: fc.record({ promoter: group, passive: group, detractor: group, unknown: group }),
  churned: group,
  recovered: group,
  actions: fc.record({ n: fc.nat(50), cost: cents.map(String) }),
});
const assumptions: fc.Arbitrary<AssumptionValues> = fc.record({
  gross_margin: share,
  horizon_years: fc.integer({ min: 1, max: 10 }).map(String),
  churn_p: fc.record({ promoter: share, passive: share, detractor: share, unknown: share }),
  happy_tells: fc.integer({ min: 0, max: 50 }).map(String),
  unhappy_tells: fc.integer({ min: 0, max: 50 }).map(String),
  influence: share,
});

describe('money properties', () => {
  it('revenue at risk never exceeds the total ttm', () => {
    fc.assert(
      fc.property(moneyInputs, assumptions, (i, a) => {
        const f = computeFigures(i, a);
        expect(f.revenue_at_risk!.lte(f.ttm_revenue!)).toBe(true);
      }),
    );
  });

  it('raising churn_p.detractor never lowers the expected churn loss', () => {
    fc.assert(
      fc.property(moneyInputs, assumptions, share, share, (i, a, p1, p2) => {
        const [lo, hi] = new Dec(p1).lte(p2) ? [p1, p2] : [p2, p1];
        const at = (p: string) =>
          computeFigures(i, { ...a, churn_p: { ...a.churn_p, detractor: p } }).expected_churn_loss!;
        expect(at(hi).gte(at(lo))).toBe(true);
      }),
    );
  });

  it('avg_clv × active customers is the sum of each class’s clv', () => {
    fc.assert(
      fc.property(moneyInputs, assumptions, (i, a) => {
        const f = computeFigures(i, a);
        const active = NPS_CLASSES.reduce((n, k) => n + i.classes[k].n, 0);
        const sum = NPS_CLASSES.reduce((s, k) => s.plus(clv(i.classes[k].ttm, k, a)), new Dec(0));
        if (active === 0) expect(f.avg_clv).toBeNull();
        else expect(f.avg_clv!.times(active).minus(sum).abs().lte('1e-20')).toBe(true);
      }),
    );
  });
});
