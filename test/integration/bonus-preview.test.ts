import { Dec } from '@delight/api/lib/decimal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { goldenFile, importGolden } from '../src/golden';

type PlanJson = Record<string, unknown> & {
  key: string;
  role: string;
  lines: Record<string, unknown>[];
};
const goldenPlans = (JSON.parse(goldenFile('plans.json')) as { plans: PlanJson[] }).plans;
const agents = goldenPlans.find((p) => p.key === 'agents')!;

interface Row {
  employee: string;
  role: string;
  currency: string;
  bonus_target: string;
  proration_days: number;
  period_days: number;
  total_achievement: number;
  bonus_amount: string;
  plan: string;
  current_amount?: string | null;
  difference?: string | null;
}
interface Total {
  currency: string;
  employees: number;
  bonus_target: string;
  bonus_amount: string;
}
interface Preview {
  period: string;
  status: string;
  role: string;
  plan: Record<string, string>;
  current_plan: Record<string, string>;
  rows: Row[];
  totals: Total[];
  current_totals: Total[];
  differences: {
    currency: string;
    current_amount: string;
    bonus_amount: string;
    difference: string;
  }[];
}

/** A hand-made plan every agent is below the minimum sample on: each line pays 100 %. */
const neutralPlan = {
  ...agents,
  key: 'agents-draft',
  valid_from: '2030-01-01',
  lines: [
    {
      kpi: 'csat',
      weight: 1,
      threshold: 60,
      target: 80,
      stretch: 95,
      payout_at_threshold: 0.5,
      cap: 1.5,
      min_sample: 1_000_000,
      below_min: 'neutral',
    },
  ],
};

/** Half-even to cents, the amount rule of DESIGN.md (every golden currency has 2 decimals). */
const cents = (d: Dec) => d.toDecimalPlaces(2, Dec.ROUND_HALF_EVEN).toFixed(2);

describe.each(databaseTargets())('bonus preview on %s', (target) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(target);
    await importGolden(t.db.database);
  });
  afterAll(() => t.db.drop());

  const preview = (body: unknown, token?: string) =>
    t.sendJson('POST', '/api/bonus/preview', body, token);
  const run = async (period: string) =>
    (await (await t.request(`/api/bonus?period=${period}`)).json()) as {
      rows: Row[];
    };

  it.each(['2026-Q1', '2026-Q2'])(
    '%s: the stored plan previews exactly the rows of GET /api/bonus for its role',
    async (period) => {
      for (const plan of goldenPlans) {
        const res = await preview({ period, plan });
        expect(res.status).toBe(200);
        const got = (await res.json()) as Preview;
        const want = (await run(period)).rows.filter((r) => r.role === plan.role);
        expect(want.length).toBeGreaterThan(0);
        expect(got.rows.map(({ current_amount: _c, difference: _d, ...r }) => r)).toEqual(want);
        for (const r of got.rows) {
          expect(r.current_amount).toBe(r.bonus_amount);
          expect(r.difference).toBe('0.00');
        }
        expect(got.totals).toEqual(got.current_totals);
        expect(got.plan).toEqual({ [plan.key]: plan.valid_from });
        expect(got.current_plan).toEqual({ [plan.key]: plan.valid_from });
      }
    },
  );

  it('a plan paying 100 % everywhere gives bonus_target × days / period days (by hand)', async () => {
    const res = await preview({ period: '2026-Q1', plan: neutralPlan });
    expect(res.status).toBe(200);
    const got = (await res.json()) as Preview;
    const stored = (await run('2026-Q1')).rows.filter((r) => r.role === 'agent');
    expect(got.rows.map((r) => r.employee)).toEqual(stored.map((r) => r.employee));
    // E010 is hired in May: no Q1 row; E009 left in February: prorated
    expect(got.rows.map((r) => r.employee)).not.toContain('E010');
    for (const r of got.rows) {
      const before = stored.find((s) => s.employee === r.employee)!;
      expect(r.plan).toBe('agents-draft');
      expect(r.total_achievement).toBe(1);
      const amount = cents(new Dec(r.bonus_target).times(r.proration_days).div(r.period_days));
      expect(r.bonus_amount).toBe(amount);
      expect(r.current_amount).toBe(before.bonus_amount);
      expect(r.difference).toBe(cents(new Dec(amount).minus(before.bonus_amount)));
    }
    const e009 = got.rows.find((r) => r.employee === 'E009')!;
    expect(e009.proration_days).toBeLessThan(e009.period_days);
    // totals per currency: sums of the rows, currencies never mixed
    for (const total of got.totals) {
      const mine = got.rows.filter((r) => r.currency === total.currency);
      expect(total.employees).toBe(mine.length);
      expect(total.bonus_amount).toBe(
        cents(mine.reduce((s, r) => s.plus(r.bonus_amount), new Dec(0))),
      );
    }
    expect(got.totals.map((x) => x.currency)).toEqual(['BGN', 'EUR', 'UAH']);
    expect(got.differences).toEqual(
      got.totals.map((x) => {
        const before = got.current_totals.find((c) => c.currency === x.currency)!.bonus_amount;
        return {
          currency: x.currency,
          current_amount: before,
          bonus_amount: x.bonus_amount,
          difference: cents(new Dec(x.bonus_amount).minus(before)),
        };
      }),
    );
  });

  it('writes nothing: plans, the run and the audit log are as before', async () => {
    const plansBefore = await (await t.request('/api/plans')).text();
    const auditBefore = await (await t.request('/api/audit')).text();
    const runBefore = await run('2026-Q1');
    expect((await preview({ period: '2026-Q1', plan: neutralPlan })).status).toBe(200);
    expect(await (await t.request('/api/plans')).text()).toBe(plansBefore);
    expect(await (await t.request('/api/audit')).text()).toBe(auditBefore);
    expect(await run('2026-Q1')).toEqual(runBefore);
  });

  it('without a period: the period of the plan’s kind holding the latest data', async () => {
    const res = await preview({ plan: agents });
    expect(res.status).toBe(200);
    // the last golden response is on 2026-06-30
    expect(((await res.json()) as Preview).period).toBe('2026-Q2');
  });

  it('422 lists every problem of a bad plan; 422 for a period of another kind', async () => {
    const bad = {
      ...agents,
      lines: [
        { ...agents.lines[0], weight: 0.9 },
        { ...agents.lines[1], kpi: 'happiness' },
      ],
    };
    const res = await preview({ period: '2026-Q1', plan: bad });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { code: string; details: { path: string }[] };
    const paths = body.details.map((p) => p.path);
    expect(paths).toContain('lines.1.kpi');
    expect(paths).toContain('lines');
    const month = await preview({ period: '2026-03', plan: agents });
    expect(month.status).toBe(422);
    expect(((await month.json()) as { details: { path: string }[] }).details[0]!.path).toBe(
      'period',
    );
    expect((await preview({ period: 'soon', plan: agents })).status).toBe(400);
  });

  it('admin only: 403 for every other role, 401 without a credential', async () => {
    for (const [role, emp] of [
      ['hr', 'E002'],
      ['executive', 'E001'],
      ['segment_manager', 'E004'],
      ['agent', 'E006'],
    ] as const) {
      const res = await preview({ period: '2026-Q1', plan: agents }, await t.tokenFor(role, emp));
      expect(res.status, role).toBe(403);
      // the role is checked before the body: a malformed one is still a 403
      const malformed = await preview({ period: 'soon' }, await t.tokenFor(role, emp));
      expect(malformed.status, role).toBe(403);
    }
    const anon = await t.app.request('/api/bonus/preview', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ period: '2026-Q1', plan: agents }),
    });
    expect(anon.status).toBe(401);
  });
});
