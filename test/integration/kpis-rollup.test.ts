import { customers, type Db, employees, queryRows, responses, segments } from '@delight/db';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { RAW_ROLLUP, STORED_ROLLUP } from '../src/rollup';

/**
 * The daily response rollup (kpi_response_daily, kept by triggers) must always equal the
 * aggregate of the responses table by UTC day, current customer segment and employee,
 * whatever writes happen: inserts, upserts, updates, deletes, customers changing segment.
 */
// the rollup computed directly, and as stored (test/src/rollup.ts)
const RAW = RAW_ROLLUP;
const ROLLUP = STORED_ROLLUP;

/** A small deterministic generator (mulberry32), so a failure replays the same way. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(databaseTargets())('KPI response rollup on %s', (target) => {
  let t: TestContext;
  let db: Db;
  const ids = { employees: [] as number[], segments: [] as number[], customers: [] as number[] };
  beforeAll(async () => {
    t = await createTestContext(target);
    db = t.db.database.db;
    for (const e of ['E1', 'E2', 'E3']) {
      const [row] = await db
        .insert(employees)
        .values({
          externalId: e,
          name: e,
          email: `${e}@x.example`,
          role: 'agent',
          bonusTarget: '1',
          currency: 'EUR',
          hiredOn: '2020-01-01',
        })
        .returning({ id: employees.id });
      ids.employees.push(row!.id);
    }
    for (const s of ['S1', 'S2', 'S3']) {
      const [row] = await db
        .insert(segments)
        .values({ externalId: s, name: s, managerId: ids.employees[0]! })
        .returning({ id: segments.id });
      ids.segments.push(row!.id);
    }
    for (let i = 0; i < 8; i++) {
      const [row] = await db
        .insert(customers)
        .values({
          externalId: `C${i}`,
          name: `C${i}`,
          segmentId: ids.segments[i % 3]!,
          acquiredOn: '2020-01-01',
        })
        .returning({ id: customers.id });
      ids.customers.push(row!.id);
    }
  });
  afterAll(() => t.db.drop());

  const expectInSync = async (step: string) => {
    const raw = await queryRows(db, RAW);
    const rollup = await queryRows(db, ROLLUP);
    expect(
      rollup.map((r) => ({ ...r })),
      step,
    ).toEqual(raw.map((r) => ({ ...r })));
  };

  it('stays equal to the raw aggregate through random writes', async () => {
    const rand = rng(20260401);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const kinds = ['nps', 'csat', 'ces'] as const;
    const maxScore = { nps: 10, csat: 5, ces: 7 } as const;
    // timestamps around UTC midnights, where a day boundary is easy to get wrong
    const when = () =>
      new Date(
        Date.UTC(2026, 0, 1 + Math.floor(rand() * 4)) + Math.floor((rand() - 0.5) * 7_200_000),
      ).toISOString();
    const response = (n: number) => {
      const kind = pick(kinds);
      const min = kind === 'nps' ? 0 : 1;
      return {
        externalId: `R${n}`,
        customerId: pick(ids.customers),
        employeeId: rand() < 0.2 ? null : pick(ids.employees),
        kind,
        score: min + Math.floor(rand() * (maxScore[kind] - min + 1)),
        respondedAt: when(),
      };
    };
    let next = 0;
    for (let step = 0; step < 25; step++) {
      const op = Math.floor(rand() * 5);
      if (op === 0 || next < 10) {
        await db.insert(responses).values(Array.from({ length: 8 }, () => response(next++)));
      } else if (op === 1) {
        // upsert: re-import some existing keys with new content, plus new keys
        const rows = [
          ...Array.from({ length: 3 }, () => ({
            ...response(0),
            externalId: `R${pick([...Array(next).keys()])}`,
          })),
          response(next++),
        ];
        const unique = [...new Map(rows.map((r) => [r.externalId, r])).values()];
        await db
          .insert(responses)
          .values(unique)
          .onConflictDoUpdate({
            target: responses.externalId,
            set: {
              customerId: sql`excluded.customer_id`,
              employeeId: sql`excluded.employee_id`,
              kind: sql`excluded.kind`,
              score: sql`excluded.score`,
              respondedAt: sql`excluded.responded_at`,
            },
          });
      } else if (op === 2) {
        const victims = Array.from({ length: 3 }, () => `R${Math.floor(rand() * next)}`);
        await db.delete(responses).where(inArray(responses.externalId, victims));
      } else if (op === 3) {
        await db
          .update(customers)
          .set({ segmentId: pick(ids.segments) })
          .where(eq(customers.id, pick(ids.customers)));
      } else {
        await db
          .update(responses)
          .set({ score: sql`case when kind = 'nps' then 10 - score else score end` })
          .where(eq(responses.customerId, pick(ids.customers)));
      }
      await expectInSync(`step ${step}, op ${op}`);
    }
    const [count] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from responses`,
    );
    expect(count!.n).toBeGreaterThan(20);
  });

  it('is emptied by a truncate of responses', async () => {
    // contacts reference responses, so they go with them
    await db.execute(sql`truncate responses, contacts`);
    await expectInSync('after truncate');
    const rows = await queryRows(
      db,
      sql`select 1 from kpi_response_daily where nps_n + csat_n + ces_n <> 0`,
    );
    expect(rows).toEqual([]);
  });
});
