import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { importGolden } from '../src/golden';

// Today is 20 May 2026: Q2, May and 2026 are running, June and Q3 have not started.
describe.each(databaseTargets())('periods that have not started on %s', (target) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(target, { today: '2026-05-20' });
    await importGolden(t.db.database);
  });
  afterAll(() => t.db.drop());

  const refused = [
    '/api/kpis?period=2026-Q3',
    '/api/kpis/breakdown?period=2026-06&by=segment',
    '/api/kpis/trend?from=2026-01&to=2026-06',
    '/api/money?period=2026-Q3',
    '/api/money/sensitivity?period=2026-06',
    '/api/customers?period=2026-Q3',
    '/api/bonus?period=2026-Q3',
    '/api/bonus/statement?period=2026-Q3&employee=E006',
    '/api/bonus/what-do-i-need?period=2026-Q3&employee=E006',
    '/api/bonus/export.csv?period=2026-Q3',
    '/api/periods/2026-Q3',
    '/api/periods/2027',
  ];
  it.each(refused)('%s is a 400 that says the period has not started', async (path) => {
    const res = await t.request(path);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('period_not_started');
    expect(body.message).toMatch(
      /has not started yet \(it starts on \d{4}-\d{2}-01\); choose a period up to today\.$/,
    );
  });

  it('closing a period that has not started is a 400 too', async () => {
    const res = await t.request('/api/periods/2026-Q3/close', { method: 'POST' });
    expect(res.status).toBe(400);
  });

  it('a bogus period is a 400 naming what a period is, never another period', async () => {
    for (const path of [
      '/api/kpis?period=2026-Q7',
      '/api/bonus?period=2026-Q7',
      '/api/money?period=Q1',
    ]) {
      const res = await t.request(path);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { code: string; message: string };
      expect(body.code).toBe('invalid_period');
      expect(body.message).toMatch(
        /is not a period\. A period is a month \(2026-03\), a quarter \(2026-Q1\) or a year \(2026\)\.$/,
      );
    }
  });

  it('the running period is answered as a labelled projection; an ended one is not', async () => {
    const running = (await (await t.request('/api/bonus?period=2026-Q2')).json()) as Record<
      string,
      unknown
    >;
    expect(running).toMatchObject({ status: 'open', phase: 'running', projection: true });
    expect(running.projection_text).toBe(
      'Q2 2026 is still running (it ends on 2026-06-30): these are projections on the data so far, not final figures.',
    );
    const agent = await t.tokenFor('agent', 'E006');
    const statement = (await (
      await t.request('/api/bonus/statement?period=2026-Q2', { token: agent })
    ).json()) as Record<string, unknown>;
    expect(statement).toMatchObject({ phase: 'running', projection: true });
    const ended = (await (await t.request('/api/bonus?period=2026-Q1')).json()) as Record<
      string,
      unknown
    >;
    expect(ended).toMatchObject({ phase: 'ended', projection: false, projection_text: null });
    expect((await t.request('/api/kpis?period=2026-05')).status).toBe(200);
  });
});
