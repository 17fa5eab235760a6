import { DEFAULT_ASSUMPTIONS } from '@delight/api/assumptions/schema';
import { auditLog, employees } from '@delight/db';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { goldenFile } from '../src/golden';
import { signOff } from '../src/sign-off';

interface Overview {
  current: { id: number | null; valid_from: string | null; values: Record<string, unknown> };
  versions: { id: number; valid_from: string; values: Record<string, unknown> }[];
}

const values = (over: Record<string, unknown> = {}) => ({
  gross_margin: 0.4,
  horizon_years: 3,
  churn_p: { promoter: 0.05, passive: 0.15, detractor: 0.3, unknown: 0.15 },
  happy_tells: 2,
  unhappy_tells: 22,
  influence: 0.01,
  ...over,
});

describe.each(databaseTargets())('assumptions on %s', (target) => {
  let t: TestContext;
  const put = (body: unknown, token?: string) => t.sendJson('PUT', '/api/assumptions', body, token);
  beforeAll(async () => {
    t = await createTestContext(target);
    await t.db.database.db.insert(employees).values(
      (['segment_manager', 'agent'] as const).map((role, i) => ({
        externalId: `E${i + 1}`,
        name: role,
        email: `e${i + 1}@x.example`,
        role,
        bonusTarget: '1000.00',
        currency: 'EUR',
        hiredOn: '2020-01-01',
      })),
    );
  });
  afterAll(() => t.db.drop());

  it('serves the DESIGN.md defaults while no version is stored', async () => {
    const res = await t.request('/api/assumptions');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Overview;
    expect(body.current).toEqual({
      id: null,
      valid_from: null,
      all_history: false,
      in_force_text: 'The standard defaults apply: no version has been saved.',
      values: DEFAULT_ASSUMPTIONS,
    });
    expect(body.versions).toEqual([]);
  });

  it('stores a version from a date, audited with who, before and after', async () => {
    const res = await put({ ...values(), valid_from: '2026-04-01' });
    expect(res.status).toBe(200);
    const saved = (await res.json()) as { id: number; created: boolean; valid_from: string };
    expect(saved).toMatchObject({ created: true, valid_from: '2026-04-01' });

    const again = (await (await put({ ...values(), valid_from: '2026-04-01' })).json()) as {
      id: number;
      created: boolean;
    };
    expect(again).toEqual({ ...again, id: saved.id, created: false });

    const log = await t.db.database.db.select().from(auditLog).orderBy(asc(auditLog.id));
    const entries = log.filter((e) => e.action === 'assumptions.update');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: 'token:admin',
      entity: 'assumptions@2026-04-01',
      before: DEFAULT_ASSUMPTIONS,
      after: { ...DEFAULT_ASSUMPTIONS, gross_margin: '0.4' },
    });
    expect(entries[0]!.at).toBeTruthy();

    const overview = (await (await t.request('/api/assumptions')).json()) as Overview;
    expect(overview.versions.map((v) => [v.id, v.valid_from])).toEqual([[saved.id, '2026-04-01']]);
  });

  it('never says 1900: a version without a date is "for all history"', async () => {
    const fresh = await createTestContext(target);
    try {
      const { saveAssumptions } = await import('@delight/api/assumptions/store');
      await saveAssumptions(fresh.db.database.db, DEFAULT_ASSUMPTIONS, '1900-01-01', 'test');
      const body = (await (await fresh.request('/api/assumptions')).json()) as Overview & {
        current: { all_history: boolean; in_force_text: string };
      };
      expect(body.current).toMatchObject({ valid_from: null, all_history: true });
      expect(body.current.in_force_text).toBe('In force for all history (saved without a date).');
      expect(JSON.stringify(body)).not.toContain('1900');
      const log = await fresh.db.database.db.select().from(auditLog);
      expect(log.map((e) => e.entity)).toEqual(['assumptions@all-history']);
    } finally {
      await fresh.db.drop();
    }
  });

  it('values each open period with the version in force on its last day', async () => {
    type Money = { assumptions: { id: number | null; values: { gross_margin: string } } };
    const money = async (p: string) =>
      (await (await t.request(`/api/money?period=${p}`)).json()) as Money;
    // a version from mid-May: May, Q2 and the year end after it, April does not
    const mid = await put({ ...values({ gross_margin: 0.45 }), valid_from: '2026-05-15' });
    expect(mid.status).toBe(200);
    const q1 = await money('2026-Q1');
    const mar = await money('2026-03');
    expect(q1.assumptions).toMatchObject({ id: null, values: { gross_margin: '0.35' } });
    expect(mar.assumptions.id).toBeNull();
    expect((await money('2026-04')).assumptions.values.gross_margin).toBe('0.4');
    expect((await money('2026-05')).assumptions.values.gross_margin).toBe('0.45');
    expect((await money('2026-Q2')).assumptions.values.gross_margin).toBe('0.45');
    expect((await money('2026')).assumptions.values.gross_margin).toBe('0.45');
    // the same values as April's from June on: Q2 and June use them
    await put({ ...values(), valid_from: '2026-06-01' });
    expect((await money('2026-Q2')).assumptions.values.gross_margin).toBe('0.4');
    expect((await money('2026-05')).assumptions.values.gross_margin).toBe('0.45');
  });

  it('a closed period keeps its version; an edit dated back changes only open periods', async () => {
    // a run to sign off before the close: the golden agents' plan
    const plans = JSON.parse(goldenFile('plans.json')) as { plans: { key: string }[] };
    const agents = plans.plans.find((p) => p.key === 'agents');
    expect((await t.sendJson('POST', '/api/plans', agents)).status).toBe(201);
    await signOff(t, '2026-Q1');
    const close = await t.request('/api/periods/2026-Q1/close', { method: 'POST' });
    expect(close.status).toBe(201);
    const res = await put({ ...values({ gross_margin: 0.5 }), valid_from: '2026-01-01' });
    expect(res.status).toBe(200);
    type Money = { assumptions: { id: number | null; values: { gross_margin: string } } };
    const q1 = (await (await t.request('/api/money?period=2026-Q1')).json()) as Money;
    const feb = (await (await t.request('/api/money?period=2026-02')).json()) as Money;
    expect(q1.assumptions).toMatchObject({ id: null, values: { gross_margin: '0.35' } });
    expect(feb.assumptions.values.gross_margin).toBe('0.5');
  });

  it('defaults valid_from to today', async () => {
    const res = await put(values({ influence: '0.02' }));
    expect(res.status).toBe(200);
    const saved = (await res.json()) as { valid_from: string };
    expect(saved.valid_from).toBe(new Date().toISOString().slice(0, 10));
    const overview = (await (await t.request('/api/assumptions')).json()) as Overview;
    expect(overview.current.values.influence).toBe('0.02');
  });

  it('adds no version when the values in force on that date are the same', async () => {
    const before = (await (await t.request('/api/assumptions')).json()) as Overview;
    // 2026-05-01 lies under the 2026-04-01 version; 0.40 and 0.4 are the same number
    const res = await put({ ...values({ gross_margin: '0.40' }), valid_from: '2026-05-01' });
    const body = (await res.json()) as { id: number; created: boolean };
    expect(body.created).toBe(false);
    expect(body.id).toBe(before.versions.find((v) => v.valid_from === '2026-04-01')!.id);
    const after = (await (await t.request('/api/assumptions')).json()) as Overview;
    expect(after.versions).toEqual(before.versions);
  });

  it('rejects bad values with 422 listing every problem, and stores nothing', async () => {
    const before = (await (await t.request('/api/assumptions')).json()) as Overview;
    const res = await put({
      ...values({ gross_margin: 1.5, horizon_years: 2.5, happy_tells: 'many' }),
      churn_p: { promoter: 0.05, passive: 0.15, detractor: -0.1 },
      colour: 'blue',
      valid_from: '2026-13-01',
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as {
      code: string;
      message: string;
      details: { path: string; code: string; message: string }[];
    };
    expect(body.code).toBe('unprocessable');
    const paths = body.details.map((d) => d.path);
    // in words, with the field's name, and a machine code beside each
    expect(body.details.find((d) => d.path === 'churn_p.detractor')).toMatchObject({
      code: 'out_of_range',
      message: 'Annual churn of detractors must be a share between 0 and 1 (0.35 is 35 %).',
    });
    expect(body.details.find((d) => d.path === 'churn_p.unknown')!.message).toBe(
      'Annual churn of customers without an answer is missing.',
    );
    expect(body.message).toMatch(/^The assumptions have \d+ problems: /);
    expect(body.message).not.toMatch(/Invalid input|churn_p\./);
    for (const p of [
      'gross_margin',
      'horizon_years',
      'happy_tells',
      'churn_p.detractor',
      'churn_p.unknown',
      'valid_from',
    ]) {
      expect(paths, p).toContain(p);
    }
    expect(body.details.length).toBeGreaterThanOrEqual(7); // the unknown key too
    const after = (await (await t.request('/api/assumptions')).json()) as Overview;
    expect(after.versions).toEqual(before.versions);
    const notJson = await put('{oops');
    expect(notJson.status).toBe(400);
  });

  it('only an admin edits; every signed-in role reads; no credential is a 401', async () => {
    for (const role of ['executive', 'hr', 'segment_manager', 'agent'] as const) {
      const employee = role === 'segment_manager' ? 'E1' : role === 'agent' ? 'E2' : undefined;
      const token = await t.tokenFor(role, employee);
      expect((await put(values(), token)).status, role).toBe(403);
      expect((await t.request('/api/assumptions', { token })).status, role).toBe(200);
    }
    expect((await t.app.request('/api/assumptions')).status).toBe(401);
    expect((await t.app.request('/api/assumptions', { method: 'PUT' })).status).toBe(401);
  });
});
