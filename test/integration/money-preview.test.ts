import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { goldenExpected, importGolden } from '../src/golden';

interface Money {
  period: string;
  scope: string;
  currency: string;
  figures: Record<string, string | number | null>;
  counts: Record<string, number>;
  assumptions: { id: number | null; valid_from: string | null; values: unknown };
}

const expected = goldenExpected();
const stored = expected._meta.assumptions;
const SCOPES = ['company', 'segment:S3', 'manager:E004', 'employee:E006'];
const cases = expected._meta.periods.flatMap((period) =>
  SCOPES.map((scope) => ({ period, scope })),
);

/**
 * Values chosen so each figure has a hand answer: churn 1 and a one-year horizon make
 * years(p) = 1 for every class (recovery restores nothing), margin 1 makes a customer's
 * clv their ttm, influence 0 silences word of mouth.
 */
const flat = {
  gross_margin: '1',
  horizon_years: '1',
  churn_p: { promoter: '1', passive: '1', detractor: '1', unknown: '1' },
  happy_tells: '2',
  unhappy_tells: '22',
  influence: '0',
};

describe.each(databaseTargets())('money preview on %s', (target) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(target);
    await importGolden(t.db.database);
  });
  afterAll(() => t.db.drop());

  const preview = (body: unknown, token?: string) =>
    t.sendJson('POST', '/api/money/preview', body, token);
  const money = async (period: string, scope: string) =>
    (await (await t.request(`/api/money?period=${period}&scope=${scope}`)).json()) as Money;

  it.each(cases)(
    '$period $scope: the stored values give GET /api/money and expected.json',
    async ({ period, scope }) => {
      const res = await preview({ period, scope, assumptions: stored });
      expect(res.status).toBe(200);
      const got = (await res.json()) as Money;
      const now = await money(period, scope);
      expect(got.figures).toEqual(now.figures);
      expect(got.counts).toEqual(now.counts);
      expect(got.assumptions).toEqual({
        id: null,
        valid_from: null,
        values: now.assumptions.values,
      });
      const want = (expected[period] as Record<string, { figures: Money['figures'] }>)[scope]!;
      for (const [key, w] of Object.entries(want.figures)) {
        if (key === 'recovery_roi' && typeof w === 'number') {
          expect(Math.abs((got.figures[key] as number) - w)).toBeLessThan(1e-9);
        } else expect(got.figures[key], key).toEqual(w);
      }
    },
  );

  it.each(cases)(
    '$period $scope: figures under hand-picked values match the hand answers',
    async ({ period, scope }) => {
      const res = await preview({ period, scope, assumptions: flat });
      expect(res.status).toBe(200);
      const got = (await res.json()) as Money;
      const want = (expected[period] as Record<string, Money>)[scope]!;
      const f = got.figures;
      // no assumption in these
      expect(f.revenue_at_risk).toBe(want.figures.revenue_at_risk);
      expect(f.recovery_cost).toBe(want.figures.recovery_cost);
      // Σ ttm × churn 1 is the whole ttm revenue
      expect(f.expected_churn_loss).toBe(f.ttm_revenue);
      expect(f.recovery_value).toBe('0.00');
      expect(f.promoter_referral_value).toBe('0.00');
      expect(f.detractor_word_of_mouth_cost).toBe('0.00');
      // avg clv = mean ttm of the active customers (both figures rounded to the cent)
      const active = want.counts.active_customers!;
      if (active === 0) expect(f.avg_clv).toBeNull();
      else
        expect(Math.abs(Number(f.avg_clv) - Number(f.ttm_revenue) / active)).toBeLessThanOrEqual(
          0.01,
        );
      // (value − cost) / cost with value 0
      expect(f.recovery_roi).toBe(Number(want.figures.recovery_cost) > 0 ? -1 : null);
      expect(got.counts).toEqual(want.counts);
    },
  );

  it('moving one assumption moves only the figures that use it', async () => {
    const now = await money('2026-Q1', 'company');
    const got = (await (
      await preview({
        period: '2026-Q1',
        scope: 'company',
        assumptions: { ...stored, happy_tells: 4 },
      })
    ).json()) as Money;
    // referral value is linear in happy_tells: twice as many tellers, twice the value
    expect(
      Math.abs(
        Number(got.figures.promoter_referral_value) -
          2 * Number(now.figures.promoter_referral_value),
      ),
    ).toBeLessThanOrEqual(0.01);
    for (const k of Object.keys(now.figures).filter((k) => k !== 'promoter_referral_value')) {
      expect(got.figures[k], k).toEqual(now.figures[k]);
    }
  });

  it('stores nothing: the assumptions and GET /api/money are as before', async () => {
    const before = await (await t.request('/api/assumptions')).text();
    const m = await money('2026-Q1', 'company');
    expect((await preview({ period: '2026-Q1', assumptions: flat })).status).toBe(200);
    expect(await (await t.request('/api/assumptions')).text()).toBe(before);
    expect(await money('2026-Q1', 'company')).toEqual(m);
  });

  it('422 names every bad value; 400 without a period; 404 for an unknown scope', async () => {
    const res = await preview({
      period: '2026-Q1',
      assumptions: { ...stored, gross_margin: '1.5', churn_p: { ...flat.churn_p, passive: 'x' } },
    });
    expect(res.status).toBe(422);
    const paths = ((await res.json()) as { details: { path: string }[] }).details.map(
      (d) => d.path,
    );
    expect(paths.sort()).toEqual(['churn_p.passive', 'gross_margin']);
    expect((await preview({ assumptions: stored })).status).toBe(400);
    expect(
      (await preview({ period: '2026-Q1', scope: 'segment:S99', assumptions: stored })).status,
    ).toBe(404);
  });

  it('admin only: 403 for every other role, 401 without a credential', async () => {
    for (const [role, emp] of [
      ['hr', 'E002'],
      ['executive', 'E001'],
      ['segment_manager', 'E004'],
      ['agent', 'E006'],
    ] as const) {
      const res = await preview(
        { period: '2026-Q1', scope: 'company', assumptions: stored },
        await t.tokenFor(role, emp),
      );
      expect(res.status, role).toBe(403);
      // the role is checked before the body: a malformed one is still a 403
      const malformed = await preview({ period: 'soon' }, await t.tokenFor(role, emp));
      expect(malformed.status, role).toBe(403);
    }
    const anon = await t.app.request('/api/money/preview', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ period: '2026-Q1', assumptions: stored }),
    });
    expect(anon.status).toBe(401);
  });
});
