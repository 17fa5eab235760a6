import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';

// PostgreSQL text cannot hold NUL; input carrying one is a 400, never a 500.
describe.each(databaseTargets())('NUL characters in input on %s', (target) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(target);
  });
  afterAll(() => t.db.drop());

  it('refuses them in a query string', async () => {
    const res = await t.request('/api/kpis?period=2026-Q1&scope=segment:S1%00');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/NUL/);
  });

  it('refuses them in a JSON body, raw or escaped', async () => {
    const plan = (key: string) =>
      JSON.stringify({
        key,
        role: 'agent',
        period_kind: 'quarter',
        valid_from: '2026-01-01',
        lines: [],
      });
    for (const body of [plan('a\u0000b'), plan('a\\u0000b').replace('a\\\\u0000b', 'a\\u0000b')]) {
      const res = await t.request('/api/plans', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(400);
    }
  });

  it('refuses an import file containing one, with its line', async () => {
    const f = new FormData();
    f.append(
      'fx_rates.csv',
      new Blob(['month,currency,rate\n2026-01,UAH,0.02\n2026-02,U\u0000AH,0.02\n']),
      'fx_rates.csv',
    );
    const res = await t.request('/api/import', { method: 'POST', body: f });
    expect(res.status).toBe(422);
    const body = (await res.json()) as {
      errors: { file: string; line: number; message: string }[];
    };
    expect(body.errors).toEqual([
      { file: 'fx_rates.csv', line: 3, column: null, message: expect.stringMatching(/NUL/) },
    ]);
  });
});
