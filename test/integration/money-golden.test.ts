import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moneyCommand } from '../../scripts/src/commands/money';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { goldenExpected, importGolden } from '../src/golden';

interface ExpectedMoney {
  period: string;
  scope: string;
  currency: string;
  figures: Record<string, string | number | null>;
  counts: Record<string, number>;
  let_go: string[];
}

const expected = goldenExpected();
const periods = expected._meta.periods;
/** every (period, scope) of expected.json with money figures (the `bonus` entries have none) */
const cases = periods.flatMap((period) =>
  Object.entries(expected[period] as Record<string, ExpectedMoney>)
    .filter(([, v]) => v.figures !== undefined)
    .map(([scope, want]) => ({ period, scope, want })),
);

describe.each(databaseTargets())('money of the golden set on %s', (target) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(target);
    await importGolden(t.db.database);
  });
  afterAll(() => t.db.drop());

  it('covers every period and scope of expected.json', () => {
    expect(cases.length).toBe(periods.length * 18);
  });

  it.each(cases)('$period $scope: figures to the cent, counts', async ({ period, scope, want }) => {
    const res = await t.request(`/api/money?period=${period}&scope=${encodeURIComponent(scope)}`);
    expect(res.status).toBe(200);
    const got = (await res.json()) as ExpectedMoney & { assumptions: { values: unknown } };
    expect(got.period).toBe(period);
    expect(got.scope).toBe(scope);
    expect(got.currency).toBe(want.currency);
    for (const [key, w] of Object.entries(want.figures)) {
      const a = got.figures[key];
      if (key === 'recovery_roi' && typeof w === 'number') {
        expect(typeof a, key).toBe('number');
        expect(Math.abs((a as number) - w), key).toBeLessThan(1e-9);
      } else {
        expect(a, key).toEqual(w);
      }
    }
    expect(got.counts).toEqual(want.counts);
    expect(got.assumptions.values).toEqual(
      (expected._meta as { assumptions?: unknown }).assumptions,
    );
  });

  it.each(cases)('$period $scope: let-go list', async ({ period, scope, want }) => {
    const res = await t.request(
      `/api/customers/cost-to-serve?period=${period}&scope=${encodeURIComponent(scope)}`,
    );
    expect(res.status).toBe(200);
    const got = (await res.json()) as { customers: { external_id: string }[] };
    expect(got.customers.map((c) => c.external_id)).toEqual(want.let_go);
  });

  it('ttm_revenue is at least revenue at risk, and the customers list sums to it', async () => {
    const money = (await (
      await t.request('/api/money?period=2026-Q1&scope=company')
    ).json()) as ExpectedMoney;
    const list = (await (
      await t.request('/api/customers?period=2026-Q1&scope=company&page_size=200')
    ).json()) as { total: number; customers: { ttm: string; revenue_at_risk: string }[] };
    expect(list.total).toBe(money.counts.active_customers);
    const cents = (s: string) => Math.round(Number(s) * 100);
    const ttmSum = list.customers.reduce((s, c) => s + cents(c.ttm), 0);
    const rarSum = list.customers.reduce((s, c) => s + cents(c.revenue_at_risk), 0);
    // each row is rounded on its own: the sums agree within half a cent per row
    expect(Math.abs(ttmSum - cents(money.figures.ttm_revenue as string))).toBeLessThanOrEqual(
      list.total / 2,
    );
    expect(Math.abs(rarSum - cents(money.figures.revenue_at_risk as string))).toBeLessThanOrEqual(
      list.total / 2,
    );
  });

  it('the CLI prints the same JSON as the API', async () => {
    const api = await (await t.request('/api/money?period=2026-Q2&scope=manager:E004')).json();
    const out: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((s: string) => out.push(s) > 0) as typeof process.stdout.write;
    try {
      const code = await moneyCommand(
        ['--period', '2026-Q2', '--scope', 'manager:E004'],
        t.db.database,
        'EUR',
      );
      expect(code).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    expect(JSON.parse(out.join(''))).toEqual(api);
  });
});
