import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';

describe.each(databaseTargets())('health on %s', (target) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(target);
  });
  afterAll(() => t.db.drop());

  it('answers without credentials and names the database kind', async () => {
    const res = await t.app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: target });
  });

  it('refuses other /api calls without a credential', async () => {
    const res = await t.app.request('/api/kpis?period=2026-Q1&scope=company');
    expect(res.status).toBe(401);
    const body = (await res.json()) as { code: string };
    expect(body.code).toBe('unauthorized');
  });

  it('refuses an unknown token', async () => {
    const res = await t.request('/api/kpis', { token: 'dl_nope' });
    expect(res.status).toBe(401);
  });
});
