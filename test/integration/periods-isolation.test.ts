import { queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { importGolden } from '../src/golden';
import { signOff } from '../src/sign-off';

/**
 * Issue 15 point 6: a period close reads one snapshot even while another replica
 * writes. The close is made to wait (a lock on bonus_periods) after it has read the
 * plans and before it reads the employees; meanwhile another connection halves every
 * agent plan weight and doubles E006's bonus target in one transaction. The stored
 * snapshot must hold both old values (the close's snapshot) or both new ones, never
 * the old weights with the new target (READ COMMITTED gave exactly that).
 * PostgreSQL only: PGlite has one connection, nothing can interleave.
 */
describe('period close isolation on postgres', () => {
  let t: TestContext;
  let url: string;
  beforeAll(async () => {
    t = await createTestContext('postgres');
    url = t.db.url!;
    await importGolden(t.db.database);
  });
  afterAll(() => t.db.drop());

  it('the snapshot never mixes data read before and after a concurrent commit', async () => {
    const db = t.db.database.db;
    const [before] = await queryRows<{ target: string; weights: number[] }>(
      db,
      sql`select (select bonus_target::text from employees where external_id = 'E006') as target,
                 (select array_agg(l.weight::float8 order by l.position) from bonus_plan_lines l
                    join bonus_plan_versions v on v.id = l.version_id
                    join bonus_plans p on p.id = v.plan_id where p.key = 'agents') as weights`,
    );

    await signOff(t, '2026-Q1');
    const blocker = postgres(url, { max: 1, onnotice: () => {} });
    const writer = postgres(url, { max: 1, onnotice: () => {} });
    try {
      let release!: () => void;
      const released = new Promise<void>((r) => {
        release = r;
      });
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => {
        locked = r;
      });
      const held = blocker.begin(async (tx) => {
        await tx`lock table bonus_periods in exclusive mode`;
        locked();
        await released;
      });
      await isLocked;

      const close = t.request('/api/periods/2026-Q1/close', { method: 'POST' });
      // wait until the close is stuck on the lock (it has read the plans by then)
      for (let i = 0; i < 200; i++) {
        const [w] = await writer<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity
           where datname = current_database() and wait_event_type = 'Lock'
             and query like '%bonus_periods%'`;
        if (w!.n > 0) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      await writer.begin(async (tx) => {
        await tx`update bonus_plan_lines set weight = weight / 2
                  where version_id in (select v.id from bonus_plan_versions v
                    join bonus_plans p on p.id = v.plan_id where p.key = 'agents')`;
        await tx`update employees set bonus_target = bonus_target * 2 where external_id = 'E006'`;
      });
      release();
      await held;
      const res = await close;
      if (res.status === 409) {
        // the close saw the new values: they are not what was approved, so it stores
        // nothing and sends the run back to open (docs/bonus.md, Approval)
        expect(((await res.json()) as { code: string }).code).toBe('run_changed');
        const [stored] = await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from bonus_snapshots s join bonus_periods p on p.id = s.period_id
               where p.period = '2026-Q1'`,
        );
        expect(stored!.n).toBe(0);
        return;
      }
      expect(res.status).toBe(201);

      const [snap] = await queryRows<{ target: string; weights: number[] }>(
        db,
        sql`select s.row->>'bonus_target' as target,
                   (select array_agg((l->>'weight')::float8) from jsonb_array_elements(s.row->'lines') l) as weights
              from bonus_snapshots s join bonus_periods p on p.id = s.period_id
             where p.period = '2026-Q1' and s.employee_external_id = 'E006'`,
      );
      const oldTarget = Number(before!.target);
      const oldWeights = before!.weights.map(Number);
      const seen = {
        target: Number(snap!.target),
        weights: [...snap!.weights].map(Number).sort(),
      };
      const consistent = [
        { target: oldTarget, weights: [...oldWeights].sort() },
        { target: oldTarget * 2, weights: oldWeights.map((w) => w / 2).sort() },
      ];
      expect(consistent).toContainEqual(seen);
    } finally {
      await blocker.end({ timeout: 1 });
      await writer.end({ timeout: 1 });
    }
  });
});
