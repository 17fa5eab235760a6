import { rebuildReadModels } from '@delight/api/import';
import { savePlanVersion } from '@delight/api/plans/store';
import { customers, type Db, employees, responses, segments } from '@delight/db';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { signOff } from '../src/sign-off';

/** More employees than one page of the run (200), so paging is exercised end to end. */
const MANY = 450;

/**
 * Hand-made: segment S with manager M; agents A0000…A0449 in S (no data: every line
 * falls back), one agent X without segment, one who left before the quarter, one hired
 * on its last day, one named "=1+1", and a monthly plan for the segment manager.
 * Agent A0000 has 10 NPS answers in Q1: 6 promoters, 1 detractor → NPS 50.
 */
async function seed(db: Db) {
  const [m] = await db
    .insert(employees)
    .values({
      externalId: 'M',
      name: 'Manager',
      email: 'm@x.example',
      role: 'segment_manager',
      bonusTarget: '1200.00',
      currency: 'EUR',
      hiredOn: '2020-01-01',
    })
    .returning({ id: employees.id });
  const [s] = await db
    .insert(segments)
    .values({ externalId: 'S', name: 'Segment', managerId: m!.id })
    .returning({ id: segments.id });
  const agent = (externalId: string, over: Partial<typeof employees.$inferInsert> = {}) => ({
    externalId,
    name: `Agent ${externalId}`,
    email: `${externalId.toLowerCase()}@x.example`,
    role: 'agent' as const,
    segmentId: s!.id,
    bonusTarget: '1000.00',
    currency: 'EUR',
    hiredOn: '2020-01-01',
    ...over,
  });
  const rows = Array.from({ length: MANY }, (_, i) => agent(`A${String(i).padStart(4, '0')}`));
  rows.push(
    agent('X', { segmentId: null }),
    agent('GONE', { leftOn: '2025-12-31' }),
    agent('LATE', { hiredOn: '2026-03-31' }),
    agent('FORMULA', { name: '=1+1', email: '+x@x.example' }),
  );
  const inserted = await db
    .insert(employees)
    .values(rows)
    .returning({ id: employees.id, ext: employees.externalId });
  const a0 = inserted.find((r) => r.ext === 'A0000')!.id;
  const [c] = await db
    .insert(customers)
    .values({ externalId: 'C1', name: 'Customer', segmentId: s!.id, acquiredOn: '2020-01-01' })
    .returning({ id: customers.id });
  const scores = [10, 10, 9, 9, 9, 9, 7, 8, 8, 3];
  await db.insert(responses).values(
    scores.map((score, i) => ({
      externalId: `R${i}`,
      customerId: c!.id,
      employeeId: a0,
      kind: 'nps' as const,
      score,
      respondedAt: `2026-02-0${(i % 9) + 1}T10:00:00.000Z`,
    })),
  );
  // written straight into the table, past the write path: the read models catch up
  await rebuildReadModels(db);
  await savePlanVersion(
    db,
    {
      key: 'agents',
      role: 'agent',
      period_kind: 'quarter',
      valid_from: '2025-01-01',
      lines: [
        {
          kpi: 'nps',
          weight: 0.5,
          threshold: 0,
          target: 30,
          stretch: 60,
          payout_at_threshold: 0.5,
          cap: 1.5,
          min_sample: 5,
          below_min: 'segment',
        },
        {
          kpi: 'resolution_h',
          weight: 0.5,
          threshold: 72,
          target: 36,
          stretch: 12,
          payout_at_threshold: 0.5,
          cap: 1.5,
          min_sample: 2,
          below_min: 'exclude',
        },
      ],
    },
    'test',
  );
  await savePlanVersion(
    db,
    {
      key: 'managers_monthly',
      role: 'segment_manager',
      period_kind: 'month',
      valid_from: '2025-01-01',
      lines: [
        {
          kpi: 'csat',
          weight: 1,
          threshold: 60,
          target: 80,
          stretch: 95,
          payout_at_threshold: 0.5,
          cap: 1.5,
          min_sample: 15,
          below_min: 'exclude',
        },
      ],
    },
    'test',
  );
}

type Line = Record<string, unknown>;
type Row = {
  employee: string;
  total_achievement: number;
  bonus_amount: string;
  proration_days: number;
  lines: Line[];
};

describe.each(databaseTargets())('bonus edge cases on %s', (target) => {
  let t: TestContext;
  let q1: Row[];
  beforeAll(async () => {
    t = await createTestContext(target);
    await seed(t.db.database.db);
    q1 = ((await (await t.request('/api/bonus?period=2026-Q1')).json()) as { rows: Row[] }).rows;
  });
  afterAll(() => t.db.drop());

  it('pages through every employee in external-id order, skipping who did not work', () => {
    const ids = q1.map((r) => r.employee);
    expect(ids).toHaveLength(MANY + 3); // + X, LATE, FORMULA; GONE left before the quarter
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain('GONE');
    expect(ids).not.toContain('M'); // the manager plan is monthly
  });

  it('computes the own NPS by hand, and the segment fallback or 100 % for the rest', () => {
    const a0 = q1.find((r) => r.employee === 'A0000')!;
    // NPS 100 × (6 − 1) / 10 = 50 → 1 + 0.5 × (50 − 30) / 30; resolution excluded → weight 1
    expect(a0.lines[0]).toMatchObject({
      kpi: 'nps',
      value: 50,
      n: 10,
      fallback: null,
      effective_weight: 1,
    });
    expect(a0.lines[0]!.achievement as number).toBeCloseTo(1 + 0.5 * (20 / 30), 12);
    expect(a0.lines[1]).toMatchObject({
      fallback: 'exclude',
      achievement: null,
      effective_weight: 0,
    });
    expect(a0.bonus_amount).toBe('1333.33'); // 1000 × 1.333…
    // the others have no answer: the segment S (n = 10, NPS 50) stands in
    const a1 = q1.find((r) => r.employee === 'A0001')!;
    expect(a1.lines[0]).toMatchObject({
      fallback: 'segment',
      source: 'segment:S',
      value: 50,
      n: 10,
      own_n: 0,
    });
    // no segment at all: the fallback finds nothing, the line pays 100 %
    const x = q1.find((r) => r.employee === 'X')!;
    expect(x.lines[0]).toMatchObject({
      fallback: 'segment_below_min',
      segment_n: 0,
      achievement: 1,
    });
    expect(x.bonus_amount).toBe('1000.00');
  });

  it('prorates a hire on the last day to 1/90', () => {
    const late = q1.find((r) => r.employee === 'LATE')!;
    expect(late.proration_days).toBe(1);
    expect(late.bonus_amount).toBe('14.81'); // 1000 × 1.3333… / 90 = 14.8148
  });

  it('uses monthly plans for months only; all lines excluded pays 100 %', async () => {
    const march = (await (await t.request('/api/bonus?period=2026-03')).json()) as { rows: Row[] };
    expect(march.rows.map((r) => r.employee)).toEqual(['M']);
    expect(march.rows[0]!.total_achievement).toBe(1);
    expect(march.rows[0]!.bonus_amount).toBe('1200.00');
  });

  it('streams the CSV with every row and neutralised text cells', async () => {
    const res = await t.request('/api/bonus/export.csv?period=2026-Q1');
    expect(res.body).toBeInstanceOf(ReadableStream);
    const rows = parse((await res.text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(MANY + 3);
    const f = rows.find((r) => r.external_id === 'FORMULA')!;
    expect(f.name).toBe("'=1+1");
    expect(f.email).toBe("'+x@x.example");
    expect(rows.find((r) => r.external_id === 'X')!.segment).toBe('');
  });

  it('two closes at once: one wins, the other gets 409', async () => {
    await signOff(t, '2026-Q1');
    const close = () => t.request('/api/periods/2026-Q1/close', { method: 'POST' });
    const statuses = (await Promise.all([close(), close()])).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409]);
    const closed = (await (await t.request('/api/bonus?period=2026-Q1')).json()) as {
      status: string;
      rows: Row[];
    };
    expect(closed.status).toBe('closed');
    expect(closed.rows).toEqual(q1);
  });
});
