import { importFiles } from '@delight/api/import';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../scripts/src/demo/generate';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { tableCounts } from '../src/tables';

// The demo of seed 2026 as of 2026-11-22, counted independently with Python's csv and
// json modules. A change to the generator that moves these numbers must update them.
const SEED = 2026;
const AS_OF = '2026-11-22';
const COUNTS = {
  employees: 40,
  segments: 7,
  customers: 342,
  fx_rates: 50,
  revenue: 6488,
  responses: 6903,
  complaints: 119,
  recovery_actions: 147,
  bonus_plans: 2,
  bonus_plan_versions: 3,
  bonus_plan_lines: 16,
  assumption_versions: 1,
};
// 2026-Q3 from the same files, by hand in Python from the DESIGN.md definitions.
const Q3 = {
  company: {
    nps: { value: 42, n: 200 },
    csat: { value: (100 * 334) / 411, n: 411 },
    ces: { value: 1290 / 231, n: 231 },
    retention_rate: { value: (100 * 273) / 281, n: 281 },
  },
  'segment:S07': {
    nps: { value: -8.695652173913043, n: 23 },
    csat: { value: 68.62745098039215, n: 51 },
  },
  bonusRows: 34,
};

describe.each(databaseTargets())('demo data on %s', (target) => {
  let t: TestContext;
  let imported: Record<string, number>;
  beforeAll(async () => {
    t = await createTestContext(target, { today: AS_OF });
    const demo = generateDemo({ seed: SEED, asOf: AS_OF });
    const result = await importFiles(t.db.database.db, demo.files, { actor: 'test' });
    imported = result.imported;
  });
  afterAll(() => t.db.drop());

  it('plants one case of each signal for review in the 30 days before the as-of date', async () => {
    const res = await t.request('/api/signals?period=2026-Q4');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { signals: { kind: string; employee: string }[] };
    const kinds = body.signals.map((s) => s.kind).sort();
    expect(kinds).toEqual(['burst', 'repeat_customer', 'top_box_anomaly', 'unfounded_share']);
    // four different agents
    expect(new Set(body.signals.map((s) => s.employee)).size).toBe(4);
  });

  it('imports without errors and every row lands', async () => {
    expect(imported['responses.csv']).toBe(COUNTS.responses);
    expect(await tableCounts(t.db.database)).toEqual(COUNTS);
  });

  it.each(Object.entries(Q3).filter(([k]) => k !== 'bonusRows'))(
    'gives the hand-computed 2026-Q3 KPIs for %s',
    async (scope, want) => {
      const res = await t.request(`/api/kpis?period=2026-Q3&scope=${scope}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { kpis: Record<string, { value: number; n: number }> };
      for (const [key, w] of Object.entries(want as Record<string, { value: number; n: number }>)) {
        expect(body.kpis[key]!.n, key).toBe(w.n);
        expect(body.kpis[key]!.value, key).toBeCloseTo(w.value, 9);
      }
    },
  );

  it('has a bonus row for every agent and segment manager working in 2026-Q3', async () => {
    const res = await t.request('/api/bonus?period=2026-Q3');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { rows: { currency: string }[] };
    expect(body.rows).toHaveLength(Q3.bonusRows);
    expect(new Set(body.rows.map((r) => r.currency))).toEqual(new Set(['EUR', 'UAH', 'BGN']));
  });
});
