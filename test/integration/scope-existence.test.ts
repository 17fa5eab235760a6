import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { importGolden } from '../src/golden';

// An id that does not exist answers 404 only to roles that see everything; everyone
// else gets the same 403 as for a foreign id, so probing does not reveal which ids exist.
describe.each(databaseTargets())('unknown ids on %s', (target) => {
  let t: TestContext;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestContext(target);
    await importGolden(t.db.database);
    tokens.admin = t.adminToken;
    tokens.executive = await t.tokenFor('executive');
    tokens.hr = await t.tokenFor('hr');
    tokens.manager = await t.tokenFor('segment_manager', 'E004');
    tokens.agent = await t.tokenFor('agent', 'E006');
  });
  afterAll(() => t.db.drop());

  const cases = [
    {
      path: '/api/kpis?period=2026-Q1&scope=employee:E999',
      who: { admin: 404, executive: 404, manager: 403, agent: 403 },
    },
    {
      path: '/api/kpis?period=2026-Q1&scope=segment:S9',
      who: { admin: 404, manager: 403, agent: 403, hr: 403 },
    },
    {
      path: '/api/money?period=2026-Q1&scope=manager:E999',
      who: { executive: 404, manager: 403, agent: 403 },
    },
    { path: '/api/customers?period=2026-Q1&scope=segment:S9', who: { admin: 404, manager: 403 } },
    {
      path: '/api/bonus/statement?period=2026-Q1&employee=E999',
      who: { admin: 404, hr: 404, manager: 403, agent: 403 },
    },
  ];

  it.each(cases)('$path', async ({ path, who }) => {
    for (const [role, status] of Object.entries(who)) {
      const res = await t.request(path, { token: tokens[role]! });
      expect({ role, status: res.status }).toEqual({ role, status });
    }
  });
});
