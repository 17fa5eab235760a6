import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { goldenFile, importGolden } from '../src/golden';
import { tableContents, tableCounts } from '../src/tables';

/**
 * Issue 10.14: an import of plans.json silently changed the open period's bonuses.
 * POST /api/import?dry_run=1 checks and measures everything and writes nothing: counts
 * inserted / updated / unchanged per file and the bonus totals before → after for the
 * open periods. Checked against what GET /api/bonus answers before, and after the same
 * import is really applied.
 */
function form(files: Record<string, string>): FormData {
  const f = new FormData();
  for (const [name, content] of Object.entries(files)) f.append(name, new Blob([content]), name);
  return f;
}

interface Totals {
  currency: string;
  bonus_amount: string;
}
interface DryRun {
  dry_run: true;
  imported: Record<string, number>;
  changes: Record<string, { inserted: number; updated: number; unchanged: number }>;
  bonus: {
    period: string;
    before: Totals[];
    after: Totals[];
    differences: { currency: string; before: string; after: string; difference: string }[];
  }[];
}

describe.each(databaseTargets())('import dry run on %s', (target) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(target);
    await importGolden(t.db.database);
  });
  afterAll(() => t.db.drop());

  const totals = async (period: string) => {
    const res = await t.request(`/api/bonus?period=${period}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { totals: Totals[] }).totals.map((x) => ({
      currency: x.currency,
      bonus_amount: x.bonus_amount,
    }));
  };

  it('reports changes and bonus totals before → after, writes nothing, then matches the real import', async () => {
    // a heavier NPS line for agents (weights still sum to 1), and one renamed customer
    const plans = goldenFile('plans.json')
      .replace('"weight": 0.3', '"weight": 0.4')
      .replace('"weight": 0.2', '"weight": 0.1');
    const customers = goldenFile('customers.csv').replace(
      'Pirin Furniture Ltd',
      'Pirin Furniture AD',
    );
    const files = { 'plans.json': plans, 'customers.csv': customers };
    const counts = await tableCounts(t.db.database);
    const contents = await tableContents(t.db.database);
    const audit = await t.request('/api/audit');
    const auditBefore = await audit.text();

    const res = await t.request('/api/import?dry_run=1', { method: 'POST', body: form(files) });
    expect(res.status).toBe(200);
    const dry = (await res.json()) as DryRun;
    expect(dry.dry_run).toBe(true);
    expect(dry.changes['customers.csv']).toEqual({ inserted: 0, updated: 1, unchanged: 39 });
    expect(dry.changes['plans.json']).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    // nothing written
    expect(await tableCounts(t.db.database)).toEqual(counts);
    expect(await tableContents(t.db.database)).toEqual(contents);
    expect(await (await t.request('/api/audit')).text()).toBe(auditBefore);

    const periods = dry.bonus.map((b) => b.period);
    expect(periods).toContain('2026-Q2');
    const before = new Map<string, Totals[]>();
    for (const b of dry.bonus) {
      const now = await totals(b.period);
      expect(
        b.before.map((x) => ({ currency: x.currency, bonus_amount: x.bonus_amount })),
        b.period,
      ).toEqual(now);
      before.set(b.period, now);
    }
    const q2 = dry.bonus.find((b) => b.period === '2026-Q2')!;
    expect(q2.differences.some((d) => d.difference !== '0.00')).toBe(true);

    const real = await t.request('/api/import', { method: 'POST', body: form(files) });
    expect(real.status).toBe(200);
    const applied = (await real.json()) as DryRun;
    expect(applied.changes).toEqual(dry.changes);
    for (const b of dry.bonus) {
      expect(
        b.after.map((x) => ({ currency: x.currency, bonus_amount: x.bonus_amount })),
        b.period,
      ).toEqual(await totals(b.period));
      for (const d of b.differences) {
        const was =
          before.get(b.period)!.find((x) => x.currency === d.currency)?.bonus_amount ?? '0.00';
        expect(d.before).toBe(was);
      }
    }
  });

  it('a bad file is refused by a dry run like by an import', async () => {
    const res = await t.request('/api/import?dry_run=1', {
      method: 'POST',
      body: form({ 'segments.csv': 'external_id,name,manager\nS1,Retail,E404\n' }),
    });
    expect(res.status).toBe(422);
  });
});
