import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { goldenExpected, importGolden } from '../src/golden';

type Run = {
  visibility: string;
  rows: { employee: string; lines: { kpi: string }[] }[];
  totals: { currency: string; employees: number; bonus_amount: string }[];
};

describe.each(databaseTargets())('bonus access on %s', (target) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(target);
    await importGolden(t.db.database);
  });
  afterAll(() => t.db.drop());

  const get = async (path: string, token: string) => {
    const res = await t.request(path, { token });
    return {
      status: res.status,
      body: res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text(),
    };
  };

  it('401 without credentials on every bonus call', async () => {
    for (const path of [
      '/api/bonus?period=2026-Q1',
      '/api/bonus/export.csv?period=2026-Q1',
      '/api/bonus/statement?period=2026-Q1&employee=E006',
      '/api/bonus/what-do-i-need?period=2026-Q2&employee=E006',
      '/api/periods',
      '/api/audit',
    ]) {
      expect((await t.app.request(path)).status, path).toBe(401);
    }
  });

  it('hr sees every row and exports; a bad period is a 400', async () => {
    const hr = await t.tokenFor('hr', 'E002');
    const run = (await get('/api/bonus?period=2026-Q1', hr)).body as Run;
    expect(run.rows.map((r) => r.employee)).toEqual([
      'E004',
      'E005',
      'E006',
      'E007',
      'E008',
      'E009',
      'E011',
      'E012',
    ]);
    expect((await get('/api/bonus/export.csv?period=2026-Q1', hr)).status).toBe(200);
    expect((await get('/api/bonus?period=2026-Q5', hr)).status).toBe(400);
    expect((await get('/api/bonus', hr)).status).toBe(400);
  });

  it('an executive sees totals only, no individual row, and no export', async () => {
    const exec = await t.tokenFor('executive', 'E001');
    const run = (await get('/api/bonus?period=2026-Q1', exec)).body as Run;
    const hrRun = (await get('/api/bonus?period=2026-Q1', t.adminToken)).body as Run;
    expect(run.visibility).toBe('totals');
    expect(run.rows).toEqual([]);
    expect(run.totals).toEqual(hrRun.totals);
    expect((await get('/api/bonus/export.csv?period=2026-Q1', exec)).status).toBe(403);
    expect((await get('/api/bonus/statement?period=2026-Q1&employee=E006', exec)).status).toBe(403);
  });

  it('a segment manager sees their team (segments they manage) and themself', async () => {
    const e004 = await t.tokenFor('segment_manager', 'E004');
    const run = (await get('/api/bonus?period=2026-Q1', e004)).body as Run;
    // E004 manages S1 and S2; E005 and E011 belong to S3
    expect(run.rows.map((r) => r.employee)).toEqual([
      'E004',
      'E006',
      'E007',
      'E008',
      'E009',
      'E012',
    ]);
    expect(run.totals.reduce((s, x) => s + x.employees, 0)).toBe(6);
    expect((await get('/api/bonus/statement?period=2026-Q1&employee=E006', e004)).status).toBe(200);
    expect((await get('/api/bonus/statement?period=2026-Q1&employee=E011', e004)).status).toBe(403);
    expect((await get('/api/bonus/export.csv?period=2026-Q1', e004)).status).toBe(403);
    const e005 = await t.tokenFor('segment_manager', 'E005');
    const run5 = (await get('/api/bonus?period=2026-Q1', e005)).body as Run;
    expect(run5.rows.map((r) => r.employee)).toEqual(['E005', 'E011']);
  });

  it('an agent sees only their own statement and what-do-I-need', async () => {
    const e006 = await t.tokenFor('agent', 'E006');
    expect((await get('/api/bonus?period=2026-Q1', e006)).status).toBe(403);
    expect((await get('/api/bonus/export.csv?period=2026-Q1', e006)).status).toBe(403);
    expect((await get('/api/bonus/statement?period=2026-Q1&employee=E007', e006)).status).toBe(403);
    expect((await get('/api/bonus/what-do-i-need?period=2026-Q2&employee=E007', e006)).status).toBe(
      403,
    );
    const own = await get('/api/bonus/statement?period=2026-Q1', e006);
    expect(own.status).toBe(200);
    const want = (
      goldenExpected()['2026-Q1'] as {
        bonus: { rows: { employee: string; bonus_amount: string }[] };
      }
    ).bonus.rows.find((r) => r.employee === 'E006')!;
    expect((own.body as { row: { bonus_amount: string } }).row.bonus_amount).toBe(
      want.bonus_amount,
    );
    // no row for a period without plan or without a day worked
    expect((await get('/api/bonus/statement?period=2026-03', e006)).status).toBe(404);
    const e010 = await t.tokenFor('agent', 'E010');
    expect((await get('/api/bonus/statement?period=2026-Q1', e010)).status).toBe(404);
  });

  it('what-do-I-need gives the values and NPS promoters for target and stretch', async () => {
    const e006 = await t.tokenFor('agent', 'E006');
    const res = await get('/api/bonus/what-do-i-need?period=2026-Q2', e006);
    expect(res.status).toBe(200);
    const body = res.body as { lines: Record<string, number | null | string>[] };
    const nps = body.lines.find((l) => l.kpi === 'nps')!;
    const q2 = (
      goldenExpected()['2026-Q2'] as {
        bonus: {
          rows: { employee: string; lines: (Record<string, number> & { kpi: string })[] }[];
        };
      }
    ).bonus.rows.find((r) => r.employee === 'E006')!;
    const own = q2.lines.find((l) => l.kpi === 'nps')!;
    // by hand from the golden value: net = NPS × n / 100; k ≥ (goal·n − 100·net) / (100 − goal)
    const net = Math.round((own.own_value! * own.own_n!) / 100);
    const n = own.own_n!;
    const k = (goal: number) => Math.max(0, Math.ceil((goal * n - 100 * net) / (100 - goal)));
    expect(nps).toMatchObject({
      value_for_target: 30,
      value_for_stretch: 60,
      own_n: n,
      promoters_for_target: k(30),
      promoters_for_stretch: k(60),
    });
    expect(100 * (net + k(30))).toBeGreaterThanOrEqual(30 * (n + k(30)));
    const res_h = body.lines.find((l) => l.kpi === 'resolution_h')!;
    expect(res_h).toMatchObject({ better: 'lower', value_for_target: 36, value_for_stretch: 12 });
  });
});
