import { queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../scripts/src/seed';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';

/** The demo shows the whole closed loop (issue 13 point 9). */
describe.each(databaseTargets())('the demo’s closed loop on %s', (target) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(target);
    await loadDemo(t.db.database, { asOf: '2026-11-22' });
  });
  afterAll(() => t.db.drop());

  it('has cases in every state, overdue ones, and every close reason but unfounded', async () => {
    const count = async (q: string) => {
      const res = await t.request(`/api/cases?${q}&page_size=1`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { total: number }).total;
    };
    for (const status of ['open', 'contacted', 'closed']) {
      expect(await count(`status=${status}`), status).toBeGreaterThan(0);
    }
    expect(await count('overdue=true')).toBeGreaterThan(0);
    const reasons = await queryRows<{ r: string }>(
      t.db.database.db,
      sql`select distinct close_reason::text as r from case_states where close_reason is not null order by 1`,
    );
    expect(reasons.map((r) => r.r)).toEqual(['declined', 'not_reachable', 'recovered']);
  });

  it('has contacts of every channel and outcome', async () => {
    const rows = await queryRows<{ channel: string; outcome: string }>(
      t.db.database.db,
      sql`select distinct channel::text as channel, outcome::text as outcome from contacts`,
    );
    expect([...new Set(rows.map((r) => r.channel))].sort()).toEqual([
      'call',
      'email',
      'letter',
      'meeting',
      'message',
    ]);
    expect([...new Set(rows.map((r) => r.outcome))].sort()).toEqual([
      'no_answer',
      'reached',
      'resolved',
    ]);
  });

  it('has comments in Ukrainian, Russian, Latvian, Bulgarian and English, found by search', async () => {
    const found = async (word: string) => {
      const res = await t.request(`/api/responses?q=${encodeURIComponent(word)}&page_size=1`);
      return ((await res.json()) as { total: number }).total;
    };
    // a word of each language's comment pool (scripts/src/demo/names.ts)
    for (const word of ['дякую', 'спасибо', 'piegāde', 'благодаря', 'invoice']) {
      expect(await found(word), word).toBeGreaterThan(0);
    }
  });
});
