import { rebuildReadModels } from '@delight/api/import';
import { computeKpisMany } from '@delight/api/kpis/service';
import { parsePeriod } from '@delight/api/lib/period';
import { complaints, type Db, employees, responses } from '@delight/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpisCommand } from '../../scripts/src/commands/kpis';
import { createTestContext, type TestContext } from '../src/app';
import { rowBuilders } from '../src/builders';
import { databaseTargets } from '../src/databases';

/**
 * A small hand-made dataset whose KPIs are worked out by hand below (DESIGN.md,
 * Precise readings). Segments SA and SB are both managed by M1 (whose own segment is
 * SC, which must play no part); SC is managed by M2.
 */
async function seed(db: Db) {
  const b = rowBuilders(db);
  const M1 = await b.employee('M1', 'segment_manager');
  const M2 = await b.employee('M2', 'segment_manager');
  const A1 = await b.employee('A1', 'agent');
  const A2 = await b.employee('A2', 'agent');
  const SA = await b.segment('SA', M1);
  const SB = await b.segment('SB', M1);
  const SC = await b.segment('SC', M2);
  await b.assign(M1, SC);
  await b.assign(M2, SC);
  await b.assign(A1, SA);
  await b.assign(A2, SB);
  const cust = b.customer;
  const CA1 = await cust('CA1', SA, A1, '2020-01-01', null);
  // churned exactly resolved date (2026-02-05) + 90 days: not recovered
  const CA2 = await cust('CA2', SA, A1, '2020-01-01', '2026-05-06');
  // churned resolved date + 91 days: recovered
  const CA3 = await cust('CA3', SB, A2, '2020-01-01', '2026-05-07');
  // churned before its complaint was resolved: not recovered
  const CA4 = await cust('CA4', SB, A2, '2020-01-01', '2026-02-01');
  const CC1 = await cust('CC1', SC, null, '2026-01-01', null);
  await cust('CC2', SC, null, '2020-01-01', '2026-01-01');
  await cust('CC3', SC, null, '2020-01-01', '2025-12-31');

  let r = 0;
  const resp = (
    customerId: number,
    employeeId: number | null,
    kind: 'nps' | 'csat' | 'ces',
    score: number,
    respondedAt: string,
  ) => ({ externalId: `R${++r}`, customerId, employeeId, kind, score, respondedAt });
  await db.insert(responses).values([
    resp(CA1, A1, 'nps', 10, '2026-01-01T00:00:00Z'), // first instant of January / Q1
    resp(CA1, A1, 'nps', 0, '2025-12-31T23:59:59Z'), // last second of December
    resp(CA2, A1, 'nps', 8, '2026-03-31T23:59:59Z'),
    resp(CA2, A1, 'nps', 3, '2026-04-01T00:00:00Z'), // = Q1 end: a Q2 response
    resp(CA3, A2, 'nps', 9, '2026-02-10T12:00:00Z'),
    resp(CC1, null, 'nps', 6, '2026-02-11T12:00:00Z'),
    resp(CA1, A1, 'csat', 4, '2026-01-05T12:00:00Z'),
    resp(CA1, A1, 'csat', 3, '2026-01-06T12:00:00Z'),
    resp(CA3, A2, 'csat', 5, '2026-02-01T00:00:00Z'),
    resp(CA1, A1, 'ces', 7, '2026-01-07T12:00:00Z'),
    resp(CA3, A2, 'ces', 2, '2026-03-01T12:00:00Z'),
  ]);
  // written straight into the table, past the write path: the read models catch up
  await rebuildReadModels(db);

  let k = 0;
  const compl = (
    customerId: number,
    employeeId: number,
    openedAt: string,
    firstResponseAt: string | null,
    resolvedAt: string | null,
    followUpAt: string | null,
    validity: 'valid' | 'unfounded' | 'pending' = 'valid',
  ) => ({
    externalId: `K${++k}`,
    customerId,
    employeeId,
    openedAt,
    firstResponseAt,
    resolvedAt,
    followUpAt,
    validity,
    severity: 'medium' as const,
  });
  await db.insert(complaints).values([
    // A1, January: first response 1, 2, 4, 7 h; resolution 10, 20, 30, 50 h;
    // follow-ups at +168 h exactly (counts), +168 h 1 s, before resolution, none
    compl(
      CA1,
      A1,
      '2026-01-10T00:00:00Z',
      '2026-01-10T01:00:00Z',
      '2026-01-10T10:00:00Z',
      '2026-01-17T10:00:00Z',
    ),
    compl(
      CA1,
      A1,
      '2026-01-11T00:00:00Z',
      '2026-01-11T02:00:00Z',
      '2026-01-11T20:00:00Z',
      '2026-01-18T20:00:01Z',
    ),
    compl(
      CA1,
      A1,
      '2026-01-12T00:00:00Z',
      '2026-01-12T04:00:00Z',
      '2026-01-13T06:00:00Z',
      '2026-01-13T05:00:00Z',
    ),
    compl(CA1, A1, '2026-01-13T00:00:00Z', '2026-01-13T07:00:00Z', '2026-01-15T02:00:00Z', null),
    // K5: opened in December (first response 2 h counts there), resolved in January (72 h)
    compl(
      CA3,
      A2,
      '2025-12-30T10:00:00Z',
      '2025-12-30T12:00:00Z',
      '2026-01-02T10:00:00Z',
      '2026-01-03T00:00:00Z',
    ),
    // K6: resolved 2026-02-05, customer churned exactly 90 days later: not recovered
    compl(CA2, A1, '2026-02-05T10:00:00Z', '2026-02-05T10:30:00Z', '2026-02-05T15:00:00Z', null),
    // K7: no first response; resolved 23:30 UTC on 2026-02-05, churn +91 d: recovered
    compl(CA3, A2, '2026-02-05T20:00:00Z', null, '2026-02-05T23:30:00Z', null),
    // K8: customer churned 2026-02-01, before resolution: not recovered (504 h)
    compl(CA4, A2, '2026-01-20T00:00:00Z', '2026-01-20T03:00:00Z', '2026-02-10T00:00:00Z', null),
    // counted in no KPI
    compl(CA1, A1, '2026-01-20T00:00:00Z', null, '2026-01-20T01:00:00Z', null, 'unfounded'),
    compl(CA1, A1, '2026-01-21T00:00:00Z', null, null, null, 'pending'),
    compl(CA3, A2, '2025-12-01T00:00:00Z', null, '2026-02-01T00:00:00Z', null, 'pending'),
  ]);
}

type Kpis = Record<string, { value: number | null; n: number; moe?: number | null }>;
interface Answer {
  period: string;
  scope: string;
  previous_period: string;
  kpis: Kpis & Record<string, { previous: { value: number | null; n: number } }>;
  complaints_unfounded: number;
  complaints_pending: number;
}

describe.each(databaseTargets())('KPI edge cases on %s', (target) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(target);
    await seed(t.db.database.db);
  });
  afterAll(() => t.db.drop());

  const get = async (period: string, scope: string) => {
    const res = await t.request(`/api/kpis?period=${period}&scope=${encodeURIComponent(scope)}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Answer;
  };
  const close = (actual: number | null, expected: number) => {
    expect(actual).not.toBeNull();
    expect(Math.abs(actual! - expected)).toBeLessThan(1e-9);
  };

  it('company 2026-Q1: every KPI by hand', async () => {
    const a = await get('2026-Q1', 'company');
    expect(a.period).toBe('2026-Q1');
    expect(a.scope).toBe('company');
    const k = a.kpis;
    // NPS responses 10, 8, 9, 6 (not the 0 of Dec 31 23:59:59, not the 3 of Apr 1 00:00)
    expect(k.nps).toMatchObject({ value: 25, n: 4 });
    close(k.nps!.moe!, 196 * Math.sqrt((0.5 + 0.25 - 0.25 ** 2) / 4));
    close(k.csat!.value, 200 / 3);
    expect(k.csat!.n).toBe(3);
    expect(k.ces).toMatchObject({ value: 4.5, n: 2 });
    // first responses of complaints opened in Q1: 1, 2, 4, 7, 3, 0.5 → (2 + 3) / 2
    expect(k.first_response_h).toMatchObject({ value: 2.5, n: 6 });
    // resolved in Q1: 3.5, 5, 10, 20, 30, 50, 72, 504 → (20 + 30) / 2
    expect(k.resolution_h).toMatchObject({ value: 25, n: 8 });
    // follow-ups: K1 (exactly +168 h) and K5
    expect(k.follow_up_rate).toMatchObject({ value: 25, n: 8 });
    // K6 (churn exactly +90 d) and K8 (churn before resolution) are not recovered
    expect(k.recovery_rate).toMatchObject({ value: 75, n: 8 });
    // base CA1..CA4 + CC2 (churned_on = start is still in the base); CA4 and CC2 lost
    expect(k.retention_rate).toMatchObject({ value: 60, n: 5 });
    expect(a.complaints_unfounded).toBe(1);
    expect(a.complaints_pending).toBe(2);
  });

  it('a complaint opened in December and resolved in January counts in each once', async () => {
    const dec = await get('2025-12', 'company');
    expect(dec.kpis.first_response_h).toMatchObject({ value: 2, n: 1 });
    expect(dec.kpis.resolution_h).toMatchObject({ value: null, n: 0 });
    expect(dec.kpis.nps).toMatchObject({ value: -100, n: 1 });
    expect(dec.complaints_pending).toBe(1);
    const jan = await get('2026-01', 'company');
    expect(jan.kpis.resolution_h).toMatchObject({ value: 30, n: 5 }); // 10 20 30 50 72
    expect(jan.kpis.first_response_h).toMatchObject({ value: 3, n: 5 }); // 1 2 3 4 7
    expect(jan.kpis.follow_up_rate).toMatchObject({ value: 40, n: 5 });
    expect(jan.kpis.recovery_rate).toMatchObject({ value: 100, n: 5 });
    expect(jan.kpis.nps).toMatchObject({ value: 100, n: 1 }); // the 00:00:00 response
    // CC1 acquired on the start day is not in the base; CC2 churned on it is, and is lost
    expect(jan.kpis.retention_rate).toMatchObject({ value: 80, n: 5 });
    expect(jan.complaints_unfounded).toBe(1);
    expect(jan.complaints_pending).toBe(1);
  });

  it('recovery: churn exactly 90 days after the resolution date is not recovered, 91 is', async () => {
    const feb = await get('2026-02', 'company');
    expect(feb.kpis.resolution_h).toMatchObject({ value: 5, n: 3 }); // 3.5 5 504
    close(feb.kpis.recovery_rate!.value, 100 / 3);
    expect(feb.kpis.follow_up_rate).toMatchObject({ value: 0, n: 3 });
    expect(feb.kpis.first_response_h).toMatchObject({ value: 0.5, n: 1 });
    // CA4 churned_on = Feb 1 is in the base and lost; CC1 is now in the base
    expect(feb.kpis.retention_rate).toMatchObject({ value: 80, n: 5 });
  });

  it('employee scope: even-count medians and the follow-up window edges', async () => {
    const jan = await get('2026-01', 'employee:A1');
    expect(jan.kpis.first_response_h).toMatchObject({ value: 3, n: 4 });
    expect(jan.kpis.resolution_h).toMatchObject({ value: 25, n: 4 });
    expect(jan.kpis.follow_up_rate).toMatchObject({ value: 25, n: 4 });
    expect(jan.complaints_unfounded).toBe(1);
    expect(jan.complaints_pending).toBe(1);
    const q1 = await get('2026-Q1', 'employee:A1');
    expect(q1.kpis.nps).toMatchObject({ value: 50, n: 2 });
    expect(q1.kpis.csat).toMatchObject({ value: 50, n: 2 });
    expect(q1.kpis.ces).toMatchObject({ value: 7, n: 1 });
    // retention over the customers A1 account-manages: CA1, CA2
    expect(q1.kpis.retention_rate).toMatchObject({ value: 100, n: 2 });
    const a2 = await get('2026-Q1', 'employee:A2');
    expect(a2.kpis.resolution_h).toMatchObject({ value: 72, n: 3 }); // 3.5 72 504
    expect(a2.kpis.retention_rate).toMatchObject({ value: 50, n: 2 });
  });

  it('an employee with no data has every value null and n = 0', async () => {
    const a = await get('2026-Q1', 'employee:M1');
    for (const v of Object.values(a.kpis)) {
      expect(v.value).toBeNull();
      expect(v.n).toBe(0);
    }
    expect(a.kpis.nps!.moe).toBeNull();
  });

  it('a manager of two segments covers both, not their own employees.csv segment', async () => {
    const m1 = await get('2026-Q1', 'manager:M1');
    close(m1.kpis.nps!.value, 200 / 3); // 10, 8, 9 of CA1..CA3; CC1's 6 is SC
    expect(m1.kpis.nps!.n).toBe(3);
    expect(m1.kpis.resolution_h).toMatchObject({ value: 25, n: 8 });
    expect(m1.kpis.retention_rate).toMatchObject({ value: 75, n: 4 });
    const sa = await get('2026-Q1', 'segment:SA');
    const sb = await get('2026-Q1', 'segment:SB');
    expect(sa.kpis.nps!.n + sb.kpis.nps!.n).toBe(3);
    expect(sa.kpis.retention_rate!.n + sb.kpis.retention_rate!.n).toBe(4);
    expect(sb.kpis.resolution_h).toMatchObject({ value: 72, n: 3 });
    const m2 = await get('2026-Q1', 'manager:M2');
    expect(m2.kpis.nps).toMatchObject({ value: -100, n: 1, moe: 0 });
    expect(m2.kpis.resolution_h).toMatchObject({ value: null, n: 0 });
    expect(m2.kpis.retention_rate).toMatchObject({ value: 0, n: 1 });
  });

  it('carries the previous period value beside each KPI', async () => {
    const q2 = await get('2026-Q2', 'company');
    expect(q2.previous_period).toBe('2026-Q1');
    expect(q2.kpis.nps).toMatchObject({ value: -100, n: 1, previous: { value: 25, n: 4 } });
    expect(q2.kpis.resolution_h!.previous).toEqual({ value: 25, n: 8 });
    const jan = await get('2026-01', 'company');
    expect(jan.previous_period).toBe('2025-12');
    expect(jan.kpis.first_response_h!.previous).toEqual({ value: 2, n: 1 });
  });

  it('trend: one point per month, equal to the single-period answers', async () => {
    const res = await t.request('/api/kpis/trend?scope=company&from=2025-12&to=2026-04');
    expect(res.status).toBe(200);
    const trend = (await res.json()) as { grain: string; points: Answer[] };
    expect(trend.grain).toBe('month');
    expect(trend.points.map((p) => p.period)).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
    ]);
    for (const p of trend.points) {
      const single = await get(p.period, 'company');
      for (const [key, v] of Object.entries(p.kpis)) {
        expect({ key, value: v.value, n: v.n }).toEqual({
          key,
          value: single.kpis[key]!.value,
          n: single.kpis[key]!.n,
        });
      }
    }
    const q = await t.request(
      '/api/kpis/trend?scope=manager:M1&from=2025-Q4&to=2026-Q2&grain=quarter',
    );
    const qt = (await q.json()) as { points: Answer[] };
    expect(qt.points.map((p) => [p.period, p.kpis.nps!.n])).toEqual([
      ['2025-Q4', 1],
      ['2026-Q1', 3],
      ['2026-Q2', 1],
    ]);
  });

  it('breakdown by manager, segment and employee, sorted best first', async () => {
    const bySeg = await t.request(
      '/api/kpis/breakdown?period=2026-Q1&by=segment&sort=resolution_h',
    );
    expect(bySeg.status).toBe(200);
    const seg = (await bySeg.json()) as {
      rows: { id: string; rank: number | null; kpis: Kpis }[];
    };
    // lower is better: SA (K1..K4, K6: 5 10 20 30 50 → 20), SB (3.5 72 504 → 72), SC none
    expect(seg.rows.map((r) => [r.id, r.kpis.resolution_h!.value, r.rank])).toEqual([
      ['SA', 20, 1],
      ['SB', 72, 2],
      ['SC', null, null],
    ]);
    const byMgr = await t.request('/api/kpis/breakdown?period=2026-Q1&by=manager');
    const mgr = (await byMgr.json()) as { rows: { id: string; kpis: Kpis }[] };
    expect(mgr.rows.map((r) => [r.id, r.kpis.nps!.n])).toEqual([
      ['M1', 3],
      ['M2', 1],
    ]);
    const byEmp = await t.request(
      '/api/kpis/breakdown?period=2026-Q1&by=employee&sort=nps&min_n=2',
    );
    const emp = (await byEmp.json()) as { rows: { id: string; rank: number | null }[] };
    // A2 has one NPS answer (100): below min_n, so unranked after A1 (50, n = 2)
    expect(emp.rows.map((r) => [r.id, r.rank])).toEqual([
      ['A1', 1],
      ['A2', null],
      ['M1', null],
      ['M2', null],
    ]);
  });

  it('breakdown by role, and the bonus batch keeps a listed manager of no segment', async () => {
    const res = await t.request('/api/kpis/breakdown?period=2026-Q1&by=employee&role=agent');
    const body = (await res.json()) as { role: string; rows: { id: string }[] };
    expect(body.role).toBe('agent');
    // NPS: A2 100 (one answer), A1 50
    expect(body.rows.map((r) => r.id)).toEqual(['A2', 'A1']);
    const db = t.db.database.db;
    const [a1] = await db
      .select({ id: employees.id })
      .from(employees)
      .where(eq(employees.externalId, 'A1'));
    const many = await computeKpisMany(db, parsePeriod('2026-Q1'), 'manager', [a1!.id]);
    expect([...many.keys()]).toEqual(['A1']);
    expect(many.get('A1')!.kpis.nps).toMatchObject({ value: null, n: 0 });
    const all = await computeKpisMany(db, parsePeriod('2026-Q1'), 'employee');
    expect(all.get('A2')!.kpis.resolution_h).toEqual({ value: 72, n: 3 });
    expect(all.get('A2')!.scope).toBe('employee:A2');
  });

  it('rejects a bad period or scope with 400 and an unknown id with 404', async () => {
    for (const q of ['period=2026-13', 'period=2026-Q5', 'period=', 'scope=company']) {
      const res = await t.request(`/api/kpis?${q}`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { code: string; message: string };
      expect(body.code).toBe('invalid_period');
      expect(body.message).toMatch(
        /a month \(2026-03\), a quarter \(2026-Q1\) or a year \(2026\)\.$/,
      );
    }
    const bad = await t.request('/api/kpis?period=2026-Q1&scope=team:1');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/scope must be/);
    for (const scope of ['segment:NOPE', 'employee:NOPE', 'manager:NOPE']) {
      const res = await t.request(`/api/kpis?period=2026-Q1&scope=${scope}`);
      expect(res.status).toBe(404);
    }
    const trend = await t.request('/api/kpis/trend?scope=company&from=2026-Q1&to=2026-03');
    expect(trend.status).toBe(400);
    const by = await t.request('/api/kpis/breakdown?period=2026-Q1&by=team');
    expect(by.status).toBe(400);
  });

  it('applies the access rules', async () => {
    expect((await t.app.request('/api/kpis?period=2026-Q1')).status).toBe(401);
    expect((await t.app.request('/api/kpis/trend?from=2026-01&to=2026-02')).status).toBe(401);
    expect((await t.app.request('/api/kpis/breakdown?period=2026-Q1&by=segment')).status).toBe(401);
    const agent = await t.tokenFor('agent', 'A1');
    const as = (path: string, token: string) => t.request(path, { token });
    expect((await as('/api/kpis?period=2026-Q1&scope=employee:A1', agent)).status).toBe(200);
    expect((await as('/api/kpis?period=2026-Q1&scope=employee:A2', agent)).status).toBe(403);
    expect((await as('/api/kpis?period=2026-Q1&scope=company', agent)).status).toBe(403);
    expect(
      (await as('/api/kpis/trend?scope=segment:SA&from=2026-01&to=2026-02', agent)).status,
    ).toBe(403);
    expect((await as('/api/kpis/breakdown?period=2026-Q1&by=employee', agent)).status).toBe(403);

    const m1 = await t.tokenFor('segment_manager', 'M1');
    expect((await as('/api/kpis?period=2026-Q1&scope=segment:SB', m1)).status).toBe(200);
    expect((await as('/api/kpis?period=2026-Q1&scope=segment:SC', m1)).status).toBe(403);
    expect((await as('/api/kpis?period=2026-Q1&scope=manager:M2', m1)).status).toBe(403);
    const ids = async (by: string, token: string) =>
      (
        (await (await as(`/api/kpis/breakdown?period=2026-Q1&by=${by}`, token)).json()) as {
          rows: { id: string }[];
        }
      ).rows
        .map((r) => r.id)
        .sort();
    // M1's segments SA, SB; M1 as manager; team A1, A2 and themself (not M2 of SC)
    expect(await ids('segment', m1)).toEqual(['SA', 'SB']);
    expect(await ids('manager', m1)).toEqual(['M1']);
    expect(await ids('employee', m1)).toEqual(['A1', 'A2', 'M1']);

    const hr = await t.tokenFor('hr');
    expect((await as('/api/kpis/breakdown?period=2026-Q1&by=segment', hr)).status).toBe(403);
    expect(await ids('employee', hr)).toEqual(['A1', 'A2', 'M1', 'M2']);
    const exec = await t.tokenFor('executive');
    expect(await ids('segment', exec)).toEqual(['SA', 'SB', 'SC']);
  });

  it('the CLI prints exactly the API JSON, and a bad period on stderr with exit 1', async () => {
    const api = await (await t.request('/api/kpis?period=2026-Q1&scope=manager:M1')).text();
    const out: string[] = [];
    const err: string[] = [];
    const origOut = process.stdout.write.bind(process.stdout);
    const origErr = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((s: string) => out.push(s) > 0) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => err.push(s) > 0) as typeof process.stderr.write;
    let ok: number;
    let bad: number;
    let unknown: number;
    try {
      ok = await kpisCommand(['--period', '2026-Q1', '--scope', 'manager:M1'], t.db.database);
      bad = await kpisCommand(['--period', '2026-Q9'], t.db.database);
      unknown = await kpisCommand(
        ['--period', '2026-Q1', '--scope', 'segment:NOPE'],
        t.db.database,
      );
    } finally {
      process.stdout.write = origOut;
      process.stderr.write = origErr;
    }
    expect(ok).toBe(0);
    expect(out.join('')).toBe(`${JSON.stringify(JSON.parse(api), null, 2)}\n`);
    expect(bad).toBe(1);
    expect(unknown).toBe(1);
    expect(err.join('')).toMatch(/"2026-Q9" is not a period\.[\s\S]*No segment NOPE/);
  });
});
