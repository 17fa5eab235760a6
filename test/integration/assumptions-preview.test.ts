import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { goldenExpected, importGolden } from '../src/golden';
import { signOff } from '../src/sign-off';

interface Preview {
  valid_from: string | null;
  summary: string;
  rule: string;
  periods: {
    period: string;
    status: string;
    phase: string;
    effect: string;
    figures: { figure: string; now: unknown; after: unknown; difference: string | null }[] | null;
  }[];
}
type Money = { figures: Record<string, unknown>; assumptions: { values: Record<string, unknown> } };

const golden = goldenExpected();
const values = (gross_margin: number) => ({
  gross_margin,
  horizon_years: 3,
  churn_p: { promoter: 0.05, passive: 0.15, detractor: 0.3, unknown: 0.15 },
  happy_tells: 2,
  unhappy_tells: 22,
  influence: 0.01,
});

// Today is 20 May 2026: Q2, May and 2026 are running; June and Q3 have not started.
describe.each(databaseTargets())('assumptions preview (golden set) on %s', (target) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(target, { today: '2026-05-20' });
    await importGolden(t.db.database);
    await signOff(t, '2026-Q1');
    expect((await t.request('/api/periods/2026-Q1/close', { method: 'POST' })).status).toBe(201);
  });
  afterAll(() => t.db.drop());

  const money = async (p: string) =>
    (await (await t.request(`/api/money?period=${p}`)).json()) as Money;

  it('lists exactly the periods a save changes, with every figure now and after', async () => {
    const body = { ...values(0.4), valid_from: '2026-03-15' };
    const res = await t.sendJson('POST', '/api/assumptions/preview', body);
    expect(res.status).toBe(200);
    const preview = (await res.json()) as Preview;
    const effect = Object.fromEntries(preview.periods.map((p) => [p.period, p.effect]));
    // started by 20 May and ending on or after 15 March; Q1 is closed (frozen)
    expect(effect).toEqual({
      '2026-05': 'changes',
      '2026-Q2': 'changes',
      '2026': 'changes',
      '2026-04': 'changes',
      '2026-03': 'changes',
      '2026-Q1': 'closed',
    });
    expect(preview.summary).toBe(
      'Saving changes 5 open periods (May 2026, Q2 2026, 2026, April 2026, March 2026); 1 closed period keeps its frozen figures.',
    );
    // "now" is today's figure: for Q2 the golden set's, computed independently
    const q2 = preview.periods.find((p) => p.period === '2026-Q2')!;
    const goldenQ2 = (golden['2026-Q2'] as { company: Money }).company.figures;
    for (const f of q2.figures!) expect(f.now, f.figure).toEqual(goldenQ2[f.figure]);
    // the gross margin moves the CLV-based figures, never the churn loss
    const byName = Object.fromEntries(q2.figures!.map((f) => [f.figure, f]));
    expect(byName.expected_churn_loss!.difference).toBe('0.00');
    expect(Number(byName.avg_clv!.difference)).toBeGreaterThan(0);

    // save, then every "after" is what the money endpoint serves, and nothing else moved
    const before = Object.fromEntries(
      await Promise.all(['2026-01', '2026-02', '2026-Q1'].map(async (p) => [p, await money(p)])),
    );
    expect((await t.sendJson('PUT', '/api/assumptions', body)).status).toBe(200);
    for (const p of preview.periods.filter((x) => x.effect === 'changes')) {
      const m = await money(p.period);
      for (const f of p.figures!)
        expect(m.figures[f.figure], `${p.period} ${f.figure}`).toEqual(f.after);
    }
    for (const p of ['2026-01', '2026-02', '2026-Q1']) {
      expect((await money(p)).figures, p).toEqual(before[p]!.figures);
    }
  });

  it('a save valid from today changes the running periods; the same values change nothing', async () => {
    const today = (await (
      await t.sendJson('POST', '/api/assumptions/preview', values(0.45))
    ).json()) as Preview;
    expect(today.valid_from).toBe('2026-05-20');
    expect(today.periods.filter((p) => p.effect === 'changes').map((p) => p.period)).toEqual([
      '2026-05',
      '2026-Q2',
      '2026',
    ]);
    expect(today.periods.every((p) => p.phase === 'running')).toBe(true);
    const same = (await (
      await t.sendJson('POST', '/api/assumptions/preview', {
        ...values(0.4),
        valid_from: '2026-04-01',
      })
    ).json()) as Preview;
    expect(same.periods.filter((p) => p.effect === 'changes')).toEqual([]);
    expect(same.summary).toBe(
      'Saving changes no figure: no open period would use different values.',
    );
  });

  it('is for admins; bad values are a 422 in words', async () => {
    const hr = await t.tokenFor('hr', 'E002');
    expect((await t.sendJson('POST', '/api/assumptions/preview', values(0.4), hr)).status).toBe(
      403,
    );
    const bad = await t.sendJson('POST', '/api/assumptions/preview', values(2));
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { message: string }).message).toContain(
      'Gross margin must be a share between 0 and 1',
    );
  });
});
