import { importFiles } from '@delight/api/import';
import { type Db, queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { RAW_ROLLUP, STORED_ROLLUP } from '../src/rollup';

/**
 * Issue 12.2: the daily response rollup (kpi_response_daily) is kept in the write path,
 * no triggers. Property: whatever the product writes — imports of new responses,
 * re-imports that change every field of stored ones (customer, employee, kind, score,
 * time), customers re-imported into another segment, ingest batches — the rollup equals
 * the aggregate of the responses by UTC day, current customer segment and employee,
 * computed directly. (The product deletes no responses.)
 */

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

const EMPLOYEES = ['E1', 'E2', 'E3'];
const SEGMENTS = ['S1', 'S2', 'S3'];
const CUSTOMERS = Array.from({ length: 8 }, (_, i) => `C${i}`);
const csv = (header: string, rows: string[]) => `${header}\n${rows.join('\n')}\n`;

describe.each(databaseTargets())('KPI response rollup on %s', (target) => {
  let t: TestContext;
  let db: Db;
  const segmentOf = new Map<string, string>();
  const importCsv = (files: Record<string, string>) =>
    importFiles(db, files, { actor: 'test', reportingCurrency: 'EUR' });
  const customersCsv = () =>
    csv(
      'external_id,name,segment,account_manager,acquired_on,churned_on',
      CUSTOMERS.map((c) => `${c},${c},${segmentOf.get(c)},,2020-01-01,`),
    );
  beforeAll(async () => {
    t = await createTestContext(target);
    db = t.db.database.db;
    for (const [i, c] of CUSTOMERS.entries()) segmentOf.set(c, SEGMENTS[i % 3]!);
    await importCsv({
      'employees.csv': csv(
        'external_id,name,email,role,segment,bonus_target,currency,hired_on,left_on',
        EMPLOYEES.map((e) => `${e},${e},${e}@x.example,agent,,1,EUR,2020-01-01,`),
      ),
      'segments.csv': csv(
        'external_id,name,manager',
        SEGMENTS.map((s) => `${s},${s},E1`),
      ),
      'customers.csv': customersCsv(),
    });
  });
  afterAll(() => t.db.drop());

  const expectInSync = async (step: string) => {
    const direct = await queryRows(db, RAW_ROLLUP);
    const stored = await queryRows(db, STORED_ROLLUP);
    expect(
      stored.map((r) => ({ ...r })),
      step,
    ).toEqual(direct.map((r) => ({ ...r })));
  };

  it('stays equal to the direct aggregate through random writes', async () => {
    const rand = rng(20261201);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const kinds = ['nps', 'csat', 'ces'] as const;
    const maxScore = { nps: 10, csat: 5, ces: 7 } as const;
    // timestamps around UTC midnights (and +03:00 offsets), where a day is easy to get wrong
    const when = () => {
      const ms =
        Date.UTC(2026, 0, 1 + Math.floor(rand() * 4)) + Math.floor((rand() - 0.5) * 7_200_000);
      const iso = new Date(ms).toISOString().replace('.000', '');
      if (rand() < 0.3) return iso;
      const local = new Date(ms + 3 * 3_600_000).toISOString().slice(0, 19);
      return `${local}+03:00`;
    };
    const response = (key: string) => {
      const kind = pick(kinds);
      const min = kind === 'nps' ? 0 : 1;
      const score = min + Math.floor(rand() * (maxScore[kind] - min + 1));
      const employee = rand() < 0.2 ? '' : pick(EMPLOYEES);
      return { key, line: `${key},${pick(CUSTOMERS)},${employee},${kind},${score},${when()},` };
    };
    const header = 'external_id,customer,employee,kind,score,responded_at,comment';
    let next = 0;
    const ops = { insert: 0, reimport: 0, segment: 0, ingest: 0 };
    for (let step = 0; step < 30; step++) {
      const op = next < 10 ? 0 : Math.floor(rand() * 4);
      if (op === 0) {
        ops.insert++;
        const rows = Array.from({ length: 8 }, () => response(`R${next++}`));
        await importCsv({
          'responses.csv': csv(
            header,
            rows.map((r) => r.line),
          ),
        });
      } else if (op === 1) {
        ops.reimport++;
        // re-import stored keys with new content (any field), plus a new key
        const keys = new Set(Array.from({ length: 4 }, () => `R${Math.floor(rand() * next)}`));
        const rows = [...keys].map((k) => response(k));
        rows.push(response(`R${next++}`));
        await importCsv({
          'responses.csv': csv(
            header,
            rows.map((r) => r.line),
          ),
        });
      } else if (op === 2) {
        ops.segment++;
        // customers re-imported, some into another segment (with their responses' history)
        for (let i = 0; i < 2; i++) segmentOf.set(pick(CUSTOMERS), pick(SEGMENTS));
        await importCsv({ 'customers.csv': customersCsv() });
      } else {
        ops.ingest++;
        const rows = [response(`R${next++}`), response(`R${Math.floor(rand() * next)}`)];
        const unique = [...new Map(rows.map((r) => [r.key, r])).values()];
        const res = await t.sendJson('POST', '/api/ingest/responses', {
          rows: unique.map((r) => {
            const [external_id, customer, employee, kind, score, responded_at] = r.line.split(',');
            return {
              external_id,
              customer,
              ...(employee ? { employee } : {}),
              kind,
              score: Number(score),
              responded_at,
            };
          }),
        });
        expect(res.status, `ingest at step ${step}`).toBe(200);
      }
      await expectInSync(`step ${step}, op ${op}`);
    }
    // every kind of write happened, on a non-trivial table
    expect(
      Object.values(ops).every((n) => n > 0),
      JSON.stringify(ops),
    ).toBe(true);
    const [count] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from responses`,
    );
    expect(count!.n).toBeGreaterThan(60);
  });

  it('has no triggers left on the written tables', async () => {
    const rows = await queryRows<{ name: string }>(
      db,
      sql`select tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
          where not t.tgisinternal and c.relname in ('responses', 'customers', 'revenue')`,
    );
    expect(rows).toEqual([]);
  });
});
