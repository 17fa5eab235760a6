import { createApp } from '@delight/api';
import { rebuildReadModels } from '@delight/api/import';
import { complaints, type Db, fxRates, recoveryActions, responses, revenue } from '@delight/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moneyCommand } from '../../scripts/src/commands/money';
import { createTestContext, type TestContext } from '../src/app';
import { rowBuilders } from '../src/builders';
import { databaseTargets } from '../src/databases';

/**
 * A hand-made dataset whose money figures for 2026-Q1 (T = 2026-04-01, ttm window
 * 2025-04 … 2026-03, EUR reporting, default assumptions) are worked out by hand:
 * years(0.05) = 2.8525, years(0.15) = 2.5725, years(0.30) = 2.19.
 *
 * Segments: SA (manager M1): C1, C2, C3; SB (M2): C4 (churned in Q1), C5 (acquired
 * at T, not active); SC (M2): C6 (no revenue). A1 (agent, segment SA) account-manages
 * C1 and C3; A2 (agent, segment SA, so on M1's team) account-manages C6.
 *
 * - C1: UAH revenue 10000 in 2026-01 (rate 0.025 → 250) and 2026-02 (0.02 → 200);
 *   10000 in 2025-03 lies before the window. ttm 450. NPS 3 (2025-06), then 10
 *   (2026-02): promoter. clv 450 × 0.35 × 2.8525 = 449.26875.
 * - C2: EUR 1000 in 2025-04 (first month of the window), 500 in 2026-04 (after it).
 *   ttm 1000. Two NPS answers at the same instant: R9 (5) beats R10 (9) as the greater
 *   external id: detractor. clv 1000 × 0.35 × 2.19 = 766.5.
 * - C3: BGN 2000 in 2026-03 (rate 0.5 → 1000); never answered a survey: unknown.
 *   clv 1000 × 0.35 × 2.5725 = 900.375.
 * - C4: EUR 300 a month 2025-02 … 2026-02, churned 2026-02-10: ttm_at_churn = 12 × 300
 *   (2025-02 … 2026-01) = 3600.
 * - C6: active, no revenue: unknown, clv 0.
 *
 * Complaints: K1 (C1, valid, resolved 2026-01-10, recovered); K2 (C4, valid, resolved
 * 2026-01-05, churned within 90 days: not recovered); K3–K5 (C3, unfounded, opened
 * 2025-06, 2025-09, 2026-01); K6 (C2, pending, open at T).
 * Actions: X1 4000 UAH on K1 2026-01-20 (→ 100); X2 20 EUR on K2 2026-01-06; X3 300 EUR
 * on K1 2025-12-20 (before Q1, inside the ttm window); X4 10 BGN on K3 2026-03-05 (→ 5).
 */
async function seed(db: Db) {
  const b = rowBuilders(db);
  const M1 = await b.employee('M1', 'segment_manager');
  const M2 = await b.employee('M2', 'segment_manager');
  const A1 = await b.employee('A1', 'agent');
  const A2 = await b.employee('A2', 'agent');
  await b.employee('H1', 'hr');
  const SA = await b.segment('SA', M1);
  const SB = await b.segment('SB', M2);
  const SC = await b.segment('SC', M2);
  await b.assign(A1, SA);
  await b.assign(A2, SA);
  const cust = b.customer;
  const C1 = await cust('C1', SA, A1, '2024-01-01');
  const C2 = await cust('C2', SA, null, '2024-01-01');
  const C3 = await cust('C3', SA, A1, '2025-01-01');
  const C4 = await cust('C4', SB, null, '2023-01-01', '2026-02-10');
  const C5 = await cust('C5', SB, null, '2026-04-01');
  await cust('C6', SC, A2, '2025-06-01');

  await db.insert(fxRates).values([
    { month: '2025-03-01', currency: 'UAH', rate: '0.03' },
    { month: '2026-01-01', currency: 'UAH', rate: '0.025' },
    { month: '2026-02-01', currency: 'UAH', rate: '0.02' },
    { month: '2026-03-01', currency: 'BGN', rate: '0.5' },
  ]);
  const c4Months = [
    '2025-02',
    '2025-03',
    '2025-04',
    '2025-05',
    '2025-06',
    '2025-07',
    '2025-08',
    '2025-09',
    '2025-10',
    '2025-11',
    '2025-12',
    '2026-01',
    '2026-02',
  ];
  await db.insert(revenue).values([
    { customerId: C1, month: '2025-03-01', amount: '10000', currency: 'UAH' },
    { customerId: C1, month: '2026-01-01', amount: '10000', currency: 'UAH' },
    { customerId: C1, month: '2026-02-01', amount: '10000', currency: 'UAH' },
    { customerId: C2, month: '2025-04-01', amount: '1000.00', currency: 'EUR' },
    { customerId: C2, month: '2026-04-01', amount: '500.00', currency: 'EUR' },
    { customerId: C3, month: '2026-03-01', amount: '2000.00', currency: 'BGN' },
    { customerId: C5, month: '2026-03-01', amount: '100.00', currency: 'EUR' },
    ...c4Months.map((m) => ({
      customerId: C4,
      month: `${m}-01`,
      amount: '300.00',
      currency: 'EUR',
    })),
  ]);

  const resp = (
    externalId: string,
    customerId: number,
    kind: 'nps' | 'csat' | 'ces',
    score: number,
    respondedAt: string,
  ) => ({ externalId, customerId, kind, score, respondedAt });
  await db.insert(responses).values([
    resp('R1', C1, 'nps', 3, '2025-06-01T10:00:00Z'),
    resp('R2', C1, 'nps', 10, '2026-02-01T10:00:00Z'),
    resp('R3', C1, 'csat', 3, '2026-01-01T00:00:00Z'),
    resp('R4', C1, 'csat', 5, '2026-04-05T00:00:00Z'), // after T: not the latest at T
    resp('R9', C2, 'nps', 5, '2026-03-15T12:00:00Z'),
    resp('R10', C2, 'nps', 9, '2026-03-15T12:00:00Z'),
  ]);
  // written straight into the table, past the write path: the read models catch up
  await rebuildReadModels(db);

  const complaint = async (
    externalId: string,
    customerId: number,
    validity: 'valid' | 'unfounded' | 'pending',
    openedAt: string,
    resolvedAt: string | null,
  ) =>
    (
      await db
        .insert(complaints)
        .values({
          externalId,
          customerId,
          employeeId: A1,
          openedAt,
          resolvedAt,
          validity,
          severity: 'medium',
        })
        .returning({ id: complaints.id })
    )[0]!.id;
  const K1 = await complaint('K1', C1, 'valid', '2026-01-08T09:00:00Z', '2026-01-10T12:00:00Z');
  const K2 = await complaint('K2', C4, 'valid', '2026-01-02T09:00:00Z', '2026-01-05T12:00:00Z');
  const K3 = await complaint('K3', C3, 'unfounded', '2025-06-10T09:00:00Z', '2025-06-10T10:00:00Z');
  await complaint('K4', C3, 'unfounded', '2025-09-10T09:00:00Z', '2025-09-10T10:00:00Z');
  await complaint('K5', C3, 'unfounded', '2026-01-10T09:00:00Z', '2026-01-10T10:00:00Z');
  await complaint('K6', C2, 'pending', '2026-03-20T09:00:00Z', null);

  const action = (
    externalId: string,
    complaintId: number,
    cost: string,
    currency: string,
    performedAt: string,
  ) => ({
    externalId,
    complaintId,
    kind: 'gift' as const,
    cost,
    currency,
    performedAt,
    employeeId: A1,
  });
  await db
    .insert(recoveryActions)
    .values([
      action('X1', K1, '4000.00', 'UAH', '2026-01-20T10:00:00Z'),
      action('X2', K2, '20.00', 'EUR', '2026-01-06T10:00:00Z'),
      action('X3', K1, '300.00', 'EUR', '2025-12-20T10:00:00Z'),
      action('X4', K3, '10.00', 'BGN', '2026-03-05T10:00:00Z'),
    ]);
}

interface Money {
  period: string;
  scope: string;
  currency: string;
  figures: Record<string, string | number | null>;
  counts: Record<string, number>;
  assumptions: { id: number | null; valid_from: string | null; values: Record<string, unknown> };
}

describe.each(databaseTargets())('money on a hand-made dataset on %s', (target) => {
  let t: TestContext;
  const get = async <T>(path: string, token?: string) => {
    const res = await t.request(path, token === undefined ? {} : { token });
    expect(res.status, `${path}: ${res.status}`).toBe(200);
    return (await res.json()) as T;
  };
  beforeAll(async () => {
    t = await createTestContext(target);
    await seed(t.db.database.db);
  });
  afterAll(() => t.db.drop());

  it('company: multi-currency ttm, class ties, churn, recovery, default assumptions', async () => {
    const m = await get<Money>('/api/money?period=2026-Q1&scope=company');
    expect(m.currency).toBe('EUR');
    expect(m.figures).toEqual({
      ttm_revenue: '2450.00', // 450 + 1000 + 1000 + 0
      revenue_at_risk: '1000.00', // C2
      expected_churn_loss: '472.50', // 450 × 0.05 + 1000 × 0.30 + 1000 × 0.15
      avg_clv: '529.04', // (449.26875 + 766.5 + 900.375 + 0) / 4 = 529.0359375
      promoter_referral_value: '10.58', // 1 × 2 × 0.01 × 529.0359375
      detractor_word_of_mouth_cost: '116.39', // 1 × 22 × 0.01 × 529.0359375
      lost_customer_cost: '3357.74', // 3600 × 0.35 × 2.5725 + 0.22 × 529.0359375
      recovery_value: '60.24', // 450 × 0.35 × 0.3825 = 60.24375
      recovery_cost: '125.00', // 100 + 20 + 5 (X3 is before the period)
      recovery_roi: -0.51805, // (60.24375 − 125) / 125, from the unrounded value
    });
    expect(m.counts).toEqual({
      active_customers: 4,
      promoters: 1,
      passives: 0,
      detractors: 1,
      unknown: 2,
      churned_in_period: 1,
      recovered_complaints: 1,
      recovery_actions: 3,
    });
    expect(m.assumptions).toMatchObject({ id: null, valid_from: null });
    expect(m.assumptions.values).toMatchObject({ gross_margin: '0.35', unhappy_tells: '22' });
  });

  it('segment, manager, employee and empty scopes', async () => {
    const sa = await get<Money>('/api/money?period=2026-Q1&scope=segment:SA');
    expect(sa.figures).toMatchObject({
      ttm_revenue: '2450.00',
      avg_clv: '705.38', // 2116.14375 / 3
      promoter_referral_value: '14.11',
      detractor_word_of_mouth_cost: '155.18',
      lost_customer_cost: '0.00',
      recovery_value: '60.24',
      recovery_cost: '105.00', // X1 100 + X4 5, on complaints of SA customers
    });
    expect(sa.figures.recovery_roi).toBeCloseTo((60.24375 - 105) / 105, 12);
    const m1 = await get<Money>('/api/money?period=2026-Q1&scope=manager:M1');
    expect(m1.figures).toEqual(sa.figures);

    // SB: nobody active at T (C4 churned, C5 acquired at T)
    const sb = await get<Money>('/api/money?period=2026-Q1&scope=segment:SB');
    expect(sb.figures).toEqual({
      ttm_revenue: '0.00',
      revenue_at_risk: '0.00',
      expected_churn_loss: '0.00',
      avg_clv: null,
      promoter_referral_value: '0.00',
      detractor_word_of_mouth_cost: '0.00',
      lost_customer_cost: '3241.35', // no average customer: no word-of-mouth term
      recovery_value: '0.00',
      recovery_cost: '20.00',
      recovery_roi: -1,
    });

    const a1 = await get<Money>('/api/money?period=2026-Q1&scope=employee:A1');
    expect(a1.figures).toMatchObject({
      ttm_revenue: '1450.00',
      revenue_at_risk: '0.00',
      expected_churn_loss: '172.50',
      avg_clv: '674.82', // (449.26875 + 900.375) / 2
      promoter_referral_value: '13.50', // 0.02 × 674.821875 = 13.4964375
      recovery_cost: '105.00',
    });
    // M1 account-manages nobody: empty scope, no cost, so no roi
    const em1 = await get<Money>('/api/money?period=2026-Q1&scope=employee:M1');
    expect(em1.counts.active_customers).toBe(0);
    expect(em1.figures.avg_clv).toBeNull();
    expect(em1.figures.recovery_roi).toBeNull();
  });

  it('a month period: 2026-03 sees only March actions and no churn', async () => {
    const m = await get<Money>('/api/money?period=2026-03&scope=company');
    expect(m.figures).toMatchObject({
      ttm_revenue: '2450.00',
      lost_customer_cost: '0.00',
      recovery_value: '0.00',
      recovery_cost: '5.00',
      recovery_roi: -1,
    });
  });

  it('explains a figure with its formula, assumption values and inputs', async () => {
    const e = await get<{
      value: string;
      formula: string;
      assumptions: { id: null; values: Record<string, unknown>; years: Record<string, string> };
      inputs: Record<string, unknown>;
    }>('/api/money/explain?period=2026-Q1&scope=company&figure=lost_customer_cost');
    expect(e.value).toBe('3357.74');
    expect(e.formula).toMatch(/ttm_at_churn/);
    expect(e.assumptions.values).toMatchObject({
      gross_margin: '0.35',
      unhappy_tells: '22',
      influence: '0.01',
    });
    expect(e.assumptions.years.unknown).toBe('2.5725');
    expect(e.inputs).toEqual({
      churned_in_period: 1,
      ttm_at_churn_sum: '3600.00',
      avg_clv: '529.04',
    });
    const roi = await get<{ value: number; inputs: Record<string, unknown> }>(
      '/api/money/explain?period=2026-Q1&scope=company&figure=recovery_roi',
    );
    expect(roi.value).toBe(-0.51805);
    expect(roi.inputs).toMatchObject({ recovery_value: '60.24', recovery_cost: '125.00' });
    // every figure explains the value /api/money serves
    const m = await get<Money>('/api/money?period=2026-Q1&scope=segment:SA');
    for (const [figure, value] of Object.entries(m.figures)) {
      const x = await get<{ value: unknown; formula: string }>(
        `/api/money/explain?period=2026-Q1&scope=segment:SA&figure=${figure}`,
      );
      expect(x.value, figure).toEqual(value);
      expect(x.formula.length, figure).toBeGreaterThan(20);
    }
    const bad = await t.request('/api/money/explain?period=2026-Q1&figure=happiness');
    expect(bad.status).toBe(400);
  });

  it('shows each figure with each assumption at ±20 %', async () => {
    const s = await get<{
      figures: Record<string, unknown>;
      rows: {
        assumption: string;
        base: string;
        low: { value: string; figures: Record<string, unknown> };
        high: { value: string; figures: Record<string, unknown> };
      }[];
    }>('/api/money/sensitivity?period=2026-Q1&scope=company');
    expect(s.rows.map((r) => r.assumption)).toEqual([
      'gross_margin',
      'horizon_years',
      'churn_p.promoter',
      'churn_p.passive',
      'churn_p.detractor',
      'churn_p.unknown',
      'happy_tells',
      'unhappy_tells',
      'influence',
    ]);
    const happy = s.rows.find((r) => r.assumption === 'happy_tells')!;
    expect(happy.low.figures.promoter_referral_value).toBe('8.46'); // 0.016 × 529.0359375
    expect(happy.high.figures.promoter_referral_value).toBe('12.70'); // 0.024 × 529.0359375
    const det = s.rows.find((r) => r.assumption === 'churn_p.detractor')!;
    expect(det.low.figures.expected_churn_loss).toBe('412.50'); // 22.5 + 240 + 150
    expect(det.high.figures.expected_churn_loss).toBe('532.50'); // 22.5 + 360 + 150
    const gm = s.rows.find((r) => r.assumption === 'gross_margin')!;
    expect(gm.low.figures.revenue_at_risk).toBe('1000.00');
  });

  it('the customer list: values per customer, server sort and paging', async () => {
    type List = {
      total: number;
      customers: {
        external_id: string;
        ttm: string;
        nps_class: string;
        clv: string;
        revenue_at_risk: string;
        open_complaints: number;
        latest: Record<string, { score: number; at: string } | null>;
      }[];
    };
    const all = await get<List>('/api/customers?period=2026-Q1&scope=company');
    expect(all.total).toBe(4);
    // ttm desc, ties by external id
    expect(all.customers.map((c) => c.external_id)).toEqual(['C2', 'C3', 'C1', 'C6']);
    const byId = Object.fromEntries(all.customers.map((c) => [c.external_id, c]));
    expect(byId.C1).toMatchObject({
      ttm: '450.00',
      nps_class: 'promoter',
      clv: '449.27',
      revenue_at_risk: '0.00',
      open_complaints: 0,
    });
    expect(byId.C1!.latest.nps).toEqual({ score: 10, at: '2026-02-01T10:00:00.000Z' });
    expect(byId.C1!.latest.csat).toEqual({ score: 3, at: '2026-01-01T00:00:00.000Z' });
    expect(byId.C1!.latest.ces).toBeNull();
    expect(byId.C2).toMatchObject({
      nps_class: 'detractor',
      clv: '766.50',
      revenue_at_risk: '1000.00',
      open_complaints: 1,
    });
    expect(byId.C3).toMatchObject({ nps_class: 'unknown', clv: '900.38' }); // 900.375
    const byClv = await get<List>('/api/customers?period=2026-Q1&sort=clv&dir=desc');
    expect(byClv.customers.map((c) => c.external_id)).toEqual(['C3', 'C2', 'C1', 'C6']);
    const page2 = await get<List>(
      '/api/customers?period=2026-Q1&sort=ttm&dir=asc&page_size=3&page=2',
    );
    expect(page2.total).toBe(4);
    expect(page2.customers.map((c) => c.external_id)).toEqual(['C3']);
    const past = await get<List>('/api/customers?period=2026-Q1&page=99');
    expect([past.total, past.customers.length]).toEqual([4, 0]);
    const tooBig = await t.request('/api/customers?period=2026-Q1&page_size=500');
    expect(tooBig.status).toBe(400);
  });

  it('a segment manager only ever gets customers of segments they manage', async () => {
    const m1 = await t.tokenFor('segment_manager', 'M1');
    type List = { scope: string; total: number; customers: { external_id: string }[] };
    const own = await get<List>('/api/customers?period=2026-Q1', m1);
    expect(own.scope).toBe('manager:M1');
    expect(own.customers.map((c) => c.external_id).sort()).toEqual(['C1', 'C2', 'C3']);
    // A2 is on M1's team, but A2's customer C6 is in SC, managed by M2
    const team = await get<List>('/api/customers?period=2026-Q1&scope=employee:A2', m1);
    expect(team.total).toBe(0);
    const admin = await get<List>('/api/customers?period=2026-Q1&scope=employee:A2');
    expect(admin.customers.map((c) => c.external_id)).toEqual(['C6']);
    // the same rule for money: A2's C6 is active with no revenue, so only the count shows it
    type Counts = { counts: { active_customers: number } };
    const teamMoney = await get<Counts>('/api/money?period=2026-Q1&scope=employee:A2', m1);
    expect(teamMoney.counts.active_customers).toBe(0);
    const adminMoney = await get<Counts>('/api/money?period=2026-Q1&scope=employee:A2');
    expect(adminMoney.counts.active_customers).toBe(1);
    for (const figure of ['ttm_revenue', 'avg_clv']) {
      const explained = await get<{ inputs: { active_customers?: number } }>(
        `/api/money/explain?period=2026-Q1&scope=employee:A2&figure=${figure}`,
        m1,
      );
      expect(explained.inputs.active_customers, figure).toBe(0);
    }
    for (const path of [
      '/api/customers?period=2026-Q1&scope=company',
      '/api/customers?period=2026-Q1&scope=segment:SB',
      '/api/customers/cost-to-serve?period=2026-Q1&scope=segment:SB',
      '/api/money?period=2026-Q1&scope=company',
    ]) {
      expect((await t.request(path, { token: m1 })).status, path).toBe(403);
    }
  });

  it('the let-go list: cost above margin, or 3 unfounded complaints', async () => {
    const l = await get<{ gross_margin: string; customers: Record<string, unknown>[] }>(
      '/api/customers/cost-to-serve?period=2026-Q1&scope=company',
    );
    expect(l.gross_margin).toBe('0.35');
    expect(l.customers).toEqual([
      {
        external_id: 'C1',
        name: 'Customer C1',
        segment: 'SA',
        account_manager: 'A1',
        ttm: '450.00',
        margin: '157.50',
        recovery_cost: '400.00', // X3 300 (2025-12) + X1 100
        recovery_actions: 2,
        unfounded_complaints: 0,
        reasons: ['cost_exceeds_margin'],
      },
      {
        external_id: 'C3',
        name: 'Customer C3',
        segment: 'SA',
        account_manager: 'A1',
        ttm: '1000.00',
        margin: '350.00',
        recovery_cost: '5.00',
        recovery_actions: 1,
        unfounded_complaints: 3,
        reasons: ['unfounded_complaints'],
      },
    ]);
    const sb = await get<{ customers: unknown[] }>(
      '/api/customers/cost-to-serve?period=2026-Q1&scope=segment:SB',
    );
    expect(sb.customers).toEqual([]);
  });

  it('access: 401 without credentials, 403 outside the scope, agents see themselves', async () => {
    for (const path of [
      '/api/money?period=2026-Q1',
      '/api/money/explain?period=2026-Q1&figure=avg_clv',
      '/api/money/sensitivity?period=2026-Q1',
      '/api/customers?period=2026-Q1',
      '/api/customers/cost-to-serve?period=2026-Q1',
    ]) {
      expect((await t.app.request(path)).status, path).toBe(401);
    }
    const hr = await t.tokenFor('hr', 'H1');
    expect(
      (await t.request('/api/money?period=2026-Q1&scope=employee:A1', { token: hr })).status,
    ).toBe(403);
    const a1 = await t.tokenFor('agent', 'A1');
    expect((await t.request('/api/money?period=2026-Q1', { token: a1 })).status).toBe(403);
    const own = await get<Money>('/api/money?period=2026-Q1&scope=employee:A1', a1);
    expect(own.figures.ttm_revenue).toBe('1450.00');
    const list = await get<{ customers: { external_id: string }[] }>(
      '/api/customers?period=2026-Q1',
      a1,
    );
    expect(list.customers.map((c) => c.external_id)).toEqual(['C3', 'C1']);
    const exec = await t.tokenFor('executive');
    expect(
      (await t.request('/api/money?period=2026-Q1&scope=segment:SB', { token: exec })).status,
    ).toBe(200);
    expect((await t.request('/api/money?period=2026-Q1&scope=segment:NOPE')).status).toBe(404);
    expect((await t.request('/api/money?period=2026-Q9')).status).toBe(400);
  });

  it('a reporting currency without rates is a clear error, not a silent gap', async () => {
    const usd = createApp({ database: t.db.database, reportingCurrency: 'USD' });
    const res = await usd.request('/api/money?period=2026-Q1', {
      headers: { authorization: `Bearer ${t.adminToken}` },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { message: string }).message).toMatch(/No FX rate to USD/);
  });

  it('the CLI prints the API answer, and 1 with a message on bad input', async () => {
    const api = await get<Money>('/api/money?period=2026-Q1&scope=segment:SA');
    const out: string[] = [];
    const err: string[] = [];
    const [origOut, origErr] = [process.stdout.write, process.stderr.write];
    process.stdout.write = ((s: string) => out.push(s) > 0) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => err.push(s) > 0) as typeof process.stderr.write;
    let codes: number[];
    try {
      codes = [
        await moneyCommand(['--period', '2026-Q1', '--scope', 'segment:SA'], t.db.database, 'EUR'),
        await moneyCommand(['--period', '2026-Q9'], t.db.database, 'EUR'),
        await moneyCommand(['--bogus'], t.db.database, 'EUR'),
      ];
    } finally {
      process.stdout.write = origOut;
      process.stderr.write = origErr;
    }
    expect(codes).toEqual([0, 1, 1]);
    expect(out.join('')).toBe(`${JSON.stringify(api, null, 2)}\n`);
    expect(err.join('')).toMatch(
      /"2026-Q9" is not a period\. A period is a month[\s\S]*usage: delight money/,
    );
  });
});
