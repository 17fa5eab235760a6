import { complaints, type Db, recoveryActions, responses } from '@delight/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { rowBuilders } from '../src/builders';
import { databaseTargets } from '../src/databases';

/**
 * Recovery effectiveness and the recovery paradox (DESIGN.md, Closed loop) for 2026-Q1
 * on a hand-made dataset. Segment S (manager M), agent A handles every complaint.
 *
 *  K1 C1: before 3 (2025-12-01), actions apology_call 0 + gift 30, after 9 (2026-02-01), recovered
 *  K2 C2: before 5 (2025-06-01), gift 20, after 10, churned 2026-04-01 (< resolved + 90 d): not recovered
 *  K3 C3: no answer before (a customer with no prior answer), apology_email 5, after 7, recovered
 *  K4 C4: before 6, no action, after 4, recovered
 *  K5 C5: before 2 on 2024-12-01 (over 365 days before), no action, after 2026-09-10 (over
 *         180 days after resolution): neither counts; recovered
 *  C6 10, C7 8, C8 0 (C8 with an unfounded complaint only): the customers without a valid
 *  complaint, answering in Q1.
 */
async function seed(db: Db) {
  const b = rowBuilders(db);
  const M = await b.employee('M', 'segment_manager');
  const A = await b.employee('A', 'agent');
  const S = await b.segment('S', M);
  await b.assign(A, S);
  const c = async (id: string, churned: string | null = null) =>
    b.customer(id, S, A, '2020-01-01', churned);
  const C1 = await c('C1');
  const C2 = await c('C2', '2026-04-01');
  const C3 = await c('C3');
  const C4 = await c('C4');
  const C5 = await c('C5');
  const C6 = await c('C6');
  const C7 = await c('C7');
  const C8 = await c('C8');
  let n = 0;
  const nps = (customerId: number, score: number, respondedAt: string) => ({
    externalId: `R${++n}`,
    customerId,
    employeeId: A,
    kind: 'nps' as const,
    score,
    respondedAt,
  });
  await db
    .insert(responses)
    .values([
      nps(C1, 3, '2025-12-01T00:00:00Z'),
      nps(C1, 9, '2026-02-01T00:00:00Z'),
      nps(C2, 5, '2025-06-01T00:00:00Z'),
      nps(C2, 10, '2026-03-01T00:00:00Z'),
      nps(C3, 7, '2026-02-10T00:00:00Z'),
      nps(C4, 6, '2025-11-01T00:00:00Z'),
      nps(C4, 4, '2026-03-01T00:00:00Z'),
      nps(C5, 2, '2024-12-01T00:00:00Z'),
      nps(C5, 10, '2026-09-10T00:00:00Z'),
      nps(C6, 10, '2026-01-05T00:00:00Z'),
      nps(C7, 8, '2026-02-05T00:00:00Z'),
      nps(C8, 0, '2026-03-05T00:00:00Z'),
    ]);
  const k = (
    externalId: string,
    customerId: number,
    openedAt: string,
    resolvedAt: string,
    validity: 'valid' | 'unfounded' = 'valid',
  ) => ({
    externalId,
    customerId,
    employeeId: A,
    openedAt,
    resolvedAt,
    validity,
    severity: 'high' as const,
  });
  const ks = await db
    .insert(complaints)
    .values([
      k('K1', C1, '2026-01-10T00:00:00Z', '2026-01-15T00:00:00Z'),
      k('K2', C2, '2026-02-01T00:00:00Z', '2026-02-05T00:00:00Z'),
      k('K3', C3, '2026-01-20T00:00:00Z', '2026-01-25T00:00:00Z'),
      k('K4', C4, '2026-02-10T00:00:00Z', '2026-02-12T00:00:00Z'),
      k('K5', C5, '2026-03-01T00:00:00Z', '2026-03-05T00:00:00Z'),
      k('K8', C8, '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', 'unfounded'),
    ])
    .returning({ id: complaints.id, externalId: complaints.externalId });
  const kid = (x: string) => ks.find((r) => r.externalId === x)!.id;
  let a = 0;
  const act = (
    complaint: string,
    kind: 'apology_call' | 'gift' | 'apology_email',
    cost: string,
  ) => ({
    externalId: `A${++a}`,
    complaintId: kid(complaint),
    kind,
    cost,
    currency: 'EUR',
    performedAt: '2026-01-16T00:00:00Z',
    employeeId: A,
  });
  await db
    .insert(recoveryActions)
    .values([
      act('K1', 'apology_call', '0'),
      act('K1', 'gift', '30'),
      act('K2', 'gift', '20'),
      act('K3', 'apology_email', '5'),
    ]);
}

interface Group {
  kind: string;
  n: number;
  uplift: { value: number | null; n: number };
  nps_after: { value: number | null; n: number; moe: number | null };
  recovered_share: { value: number | null; n: number };
  cost: string;
  cost_per_recovered: string | null;
}
interface Answer {
  kinds: Group[];
  baseline: Group;
  paradox: {
    recovered_nps_after: { value: number | null; n: number; moe: number | null };
    no_complaint_nps: { value: number | null; n: number; moe: number | null };
    difference: number | null;
    moe: number | null;
    verdict: string;
  };
}

describe.each(databaseTargets())('recovery effectiveness on %s', (target) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(target);
    await seed(t.db.database.db);
  });
  afterAll(() => t.db.drop());

  const get = async (scope: string, token?: string) => {
    const res = await t.request(
      `/api/recovery/effectiveness?period=2026-Q1&scope=${scope}`,
      token ? { token } : {},
    );
    return { status: res.status, body: res.status === 200 ? ((await res.json()) as Answer) : null };
  };

  it('per kind: uplift, NPS after, share recovered and cost per recovered, each with n', async () => {
    const { body } = await get('company');
    const kind = (k: string) => body!.kinds.find((g) => g.kind === k)!;
    expect(body!.kinds.map((g) => g.kind)).toEqual([
      'apology_call',
      'apology_email',
      'handwritten_letter',
      'meeting',
      'gift',
      'free_service',
      'discount',
      'refund',
    ]);
    // apology_call: K1 only; 9 − 3 = 6; after 9: NPS 100 (moe 0); recovered; cost 0
    expect(kind('apology_call')).toMatchObject({
      n: 1,
      uplift: { value: 6, n: 1 },
      nps_after: { value: 100, n: 1, moe: 0 },
      recovered_share: { value: 100, n: 1 },
      cost: '0.00',
      cost_per_recovered: '0.00',
    });
    // gift: K1 and K2 (K1 has two kinds and counts in each); uplift (6 + 5) / 2; after
    // 9 and 10; K2's customer churned within 90 days: 1 of 2 recovered; 50 / 1
    expect(kind('gift')).toMatchObject({
      n: 2,
      uplift: { value: 5.5, n: 2 },
      nps_after: { value: 100, n: 2 },
      recovered_share: { value: 50, n: 2 },
      cost: '50.00',
      cost_per_recovered: '50.00',
    });
    // apology_email: K3, no answer before: no uplift; after 7 is a passive: NPS 0
    expect(kind('apology_email')).toMatchObject({
      n: 1,
      uplift: { value: null, n: 0 },
      nps_after: { value: 0, n: 1 },
      cost_per_recovered: '5.00',
    });
    expect(kind('refund')).toMatchObject({
      n: 0,
      uplift: { value: null, n: 0 },
      nps_after: { value: null, n: 0, moe: null },
      recovered_share: { value: null, n: 0 },
      cost_per_recovered: null,
    });
    // baseline: K4 (6 → 4) and K5 (neither answer counts)
    expect(body!.baseline).toMatchObject({
      kind: 'none',
      n: 2,
      uplift: { value: -2, n: 1 },
      nps_after: { value: -100, n: 1 },
      recovered_share: { value: 100, n: 2 },
    });
  });

  it('the recovery paradox with its margin of error', async () => {
    const { body } = await get('company');
    // recovered: K1 (after 9), K3 (7), K4 (4), K5 (none): 1 promoter, 1 detractor of 3
    // without a valid complaint: C6 10, C7 8, C8 0 (C8's complaint was unfounded)
    const moe = 1.96 * 100 * Math.sqrt((1 / 3 + 1 / 3 - 0) / 3);
    const p = body!.paradox;
    expect(p.recovered_nps_after.n).toBe(3);
    expect(p.recovered_nps_after.value).toBe(0);
    expect(p.recovered_nps_after.moe).toBeCloseTo(moe, 9);
    expect(p.no_complaint_nps.n).toBe(3);
    expect(p.no_complaint_nps.value).toBe(0);
    expect(p.difference).toBe(0);
    expect(p.moe).toBeCloseTo(Math.sqrt(2) * moe, 9);
    expect(p.verdict).toBe('within_noise');
  });

  it('scopes: the segment and the handler see the same; others are refused', async () => {
    const company = (await get('company')).body!;
    expect((await get('segment:S')).body).toEqual({ ...company, scope: 'segment:S' });
    const agent = await t.tokenFor('agent', 'A');
    expect((await get('employee:A', agent)).status).toBe(200);
    expect((await get('company', agent)).status).toBe(403);
    expect((await t.app.request('/api/recovery/effectiveness?period=2026-Q1')).status).toBe(401);
  });
});
