import { rebuildReadModels } from '@delight/api/import';
import { complaints, type Db, responses } from '@delight/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { rowBuilders } from '../src/builders';
import { databaseTargets } from '../src/databases';

interface Answer {
  signals: { kind: string; employee: string; text: string; evidence: Record<string, unknown> }[];
  checked: number;
  note: string;
}

/**
 * Each signal planted at its threshold (flagged) beside one step below it (not):
 * S1: A1 18 promoters of 20 vs a segment at 50 % (P = 211/2²⁰ < 0.001); S2: A2 17 of 20
 * (P = 1351/2²⁰ ≥ 0.001). S3: A3 4 of 10 answers from one customer (40 %), A4 3 of 10
 * (30 %, not more); A5 5 answers in [10:00, 10:10), A6 the fifth at 10:10 exactly.
 * S4: A7 1 unfounded of 3 handled vs a segment at 3 of 22, A8 only 2 handled.
 */
async function plant(db: Db) {
  const b = rowBuilders(db);
  const m = await b.employee('M1', 'segment_manager');
  const other = await b.employee('M2', 'segment_manager');
  const seg = [
    await b.segment('S1', m),
    await b.segment('S2', m),
    await b.segment('S3', m),
    await b.segment('S4', m),
  ];
  await b.segment('S9', other);
  const agent = async (id: string, s: number) => b.employee(id, 'agent', s);
  const ids: Record<string, number> = {};
  for (const [id, s] of [
    ['A1', 0],
    ['A2', 1],
    ['B1', 0],
    ['B2', 1],
    ['A3', 2],
    ['A4', 2],
    ['A5', 2],
    ['A6', 2],
    ['A7', 3],
    ['A8', 3],
    ['B4', 3],
  ] as const) {
    ids[id] = await agent(id, seg[s]!);
  }
  const customersOf: number[][] = [];
  for (let s = 0; s < 4; s++) {
    const list: number[] = [];
    for (let c = 0; c < 12; c++)
      list.push(await b.customer(`C${s}${c}`, seg[s]!, null, '2024-01-01'));
    customersOf.push(list);
  }
  let n = 0;
  const rows: (typeof responses.$inferInsert)[] = [];
  const answer = (
    who: string,
    s: number,
    c: number,
    score: number,
    at: string,
    kind: 'nps' | 'csat' = 'nps',
  ) =>
    rows.push({
      externalId: `R${++n}`,
      customerId: customersOf[s]![c]!,
      employeeId: ids[who]!,
      kind,
      score,
      respondedAt: at,
    });
  const day = (i: number) => `2026-02-${String((i % 27) + 1).padStart(2, '0')}T0${i % 10}:00:00Z`;
  // baselines: 100 answers, 50 promoters, spread over the customers
  for (const [who, s] of [
    ['B1', 0],
    ['B2', 1],
  ] as const) {
    for (let i = 0; i < 100; i++) answer(who, s, i % 12, i % 2 ? 10 : 5, day(i));
  }
  for (let i = 0; i < 20; i++) answer('A1', 0, i % 12, i < 18 ? 9 : 7, day(i));
  for (let i = 0; i < 20; i++) answer('A2', 1, i % 12, i < 17 ? 9 : 7, day(i));
  // repeat: A3 customer 0 gives 4 of 10, A4 customer 0 gives 3 of 10
  for (let i = 0; i < 10; i++) answer('A3', 2, i < 4 ? 0 : i, 8, day(i));
  for (let i = 0; i < 10; i++) answer('A4', 2, i < 3 ? 0 : i, 8, day(i));
  // bursts (CSAT answers, so the NPS signals stay quiet)
  for (const t of ['10:00:00', '10:02:00', '10:04:00', '10:06:00', '10:09:59']) {
    answer('A5', 2, 1, 5, `2026-03-03T${t}Z`, 'csat');
  }
  for (const t of ['10:00:00', '10:02:00', '10:04:00', '10:06:00', '10:10:00']) {
    answer('A6', 2, 1, 5, `2026-03-03T${t}Z`, 'csat');
  }
  await db.insert(responses).values(rows);
  // written straight into the table, past the write path: the read models catch up
  await rebuildReadModels(db);
  let k = 0;
  const complaint = (who: string, validity: 'valid' | 'unfounded') => ({
    externalId: `K${++k}`,
    customerId: customersOf[3]![k % 12]!,
    employeeId: ids[who]!,
    openedAt: `2026-02-${String((k % 27) + 1).padStart(2, '0')}T09:00:00Z`,
    validity,
    severity: 'low' as const,
  });
  await db
    .insert(complaints)
    .values([
      complaint('A7', 'unfounded'),
      complaint('A7', 'valid'),
      complaint('A7', 'valid'),
      complaint('A8', 'unfounded'),
      complaint('A8', 'unfounded'),
      ...Array.from({ length: 17 }, () => complaint('B4', 'valid')),
    ]);
}

describe.each(databaseTargets())('signals for review on %s', (target) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(target, { today: '2026-05-01' });
    await plant(t.db.database.db);
  });
  afterAll(() => t.db.drop());

  const get = async (path: string, token?: string) => {
    const res = await t.request(path, token ? { token } : {});
    return { status: res.status, body: (await res.json()) as Answer };
  };

  it('flags each planted case at its threshold and none one step below', async () => {
    const { status, body } = await get('/api/signals?period=2026-Q1');
    expect(status).toBe(200);
    const flagged = body.signals.map((s) => `${s.kind}:${s.employee}`).sort();
    expect(flagged).toEqual(
      ['burst:A5', 'repeat_customer:A3', 'top_box_anomaly:A1', 'unfounded_share:A7'].sort(),
    );
    const by = (kind: string) => body.signals.find((s) => s.kind === kind)!;
    expect(by('top_box_anomaly').evidence).toMatchObject({
      n: 20,
      promoters: 18,
      segment_n: 100,
      segment_promoters: 50,
    });
    expect(by('top_box_anomaly').evidence.probability as number).toBeCloseTo(211 / 2 ** 20, 12);
    expect(by('repeat_customer').evidence).toMatchObject({ n: 10, answers: 4, customer: 'C20' });
    expect(by('burst').evidence).toMatchObject({
      answers: 5,
      from: '2026-03-03T10:00:00Z',
      to: '2026-03-03T10:09:59Z',
    });
    expect(by('burst').evidence.timestamps).toHaveLength(5);
    expect(by('unfounded_share').evidence).toMatchObject({
      handled: 3,
      unfounded: 1,
      segment_handled: 22,
      segment_unfounded: 3,
    });
    expect(by('repeat_customer').text).toBe(
      '4 of 10 NPS answers (40.0 %) came from one customer, Customer C20.',
    );
    expect(body.note).toContain('none of them changes pay');
  });

  it('is for hr, admin and the segment manager of the team; a foreign manager and others get 403', async () => {
    const hr = await t.tokenFor('hr');
    expect((await get('/api/signals?period=2026-Q1', hr)).status).toBe(200);
    const manager = await t.tokenFor('segment_manager', 'M1');
    const own = await get('/api/signals?period=2026-Q1', manager);
    expect(own.status).toBe(200);
    expect(own.body.signals).toHaveLength(4);
    expect(
      (await get('/api/signals?period=2026-Q1&scope=segment:S3', manager)).body.signals
        .map((s) => s.employee)
        .sort(),
    ).toEqual(['A3', 'A5']);
    const foreign = await t.tokenFor('segment_manager', 'M2');
    expect((await get('/api/signals?period=2026-Q1&scope=segment:S1', foreign)).status).toBe(403);
    expect((await get('/api/signals?period=2026-Q1&scope=segment:S404', foreign)).status).toBe(403);
    for (const role of ['executive', 'agent'] as const) {
      const token = await t.tokenFor(role, role === 'agent' ? 'A1' : undefined);
      expect((await get('/api/signals?period=2026-Q1', token)).status, role).toBe(403);
    }
    expect((await t.app.request('/api/signals?period=2026-Q1')).status).toBe(401);
  });
});
