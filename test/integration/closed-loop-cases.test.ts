import { auditLog } from '@delight/db';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { seedClosedLoop } from '../src/closed-loop-seed';
import { databaseTargets } from '../src/databases';

/**
 * Cases, acting on them and the KPIs that follow, on the hand-made dataset of
 * test/src/closed-loop-seed.ts. Expected values are worked out by hand in comments.
 *
 * The cases (every NPS answer 0–6 and every valid complaint) with their owner and
 * state before anyone acts:
 *   r-R1  CA1 score 3  owner A1 (account manager)   contacted (T1)
 *   r-R2  CA2 score 6  owner M1 (no account manager) contacted (T2)
 *   r-R3  CB1 score 0  owner A3                      open
 *   r-R5  CA1 score 5  owner A1                      contacted (T5, no answer)
 *   r-RP1 CP  score 2  owner A2                      open
 *   c-K1  CA1          owner A1, handler A1          contacted (TK1)
 *   c-K2  CB1          owner A3, handler A3          open
 *   c-K3  CA2          owner M1, handler A1          contacted (TK3)
 *   c-KN  CN           owner A1, handler A1          open
 * R4 (9) and RP2 (10) are no cases. Every open case is long past its due time (48 h).
 */
interface CaseRow {
  id: string;
  source: string;
  state: string;
  owner: string | null;
  overdue: boolean;
  revenue_at_risk: string;
  due_at: string;
  opened_at: string;
  comment: string | null;
}
interface CaseList {
  total: number;
  page: number;
  page_size: number;
  rows: CaseRow[];
}
type Kpis = Record<string, { value: number | null; n: number }>;

describe.each(databaseTargets())('cases and acting on them on %s', (target) => {
  let t: TestContext;
  let seed: Awaited<ReturnType<typeof seedClosedLoop>>;
  const tokens: Record<string, string> = {};
  const caseId = (source: string) =>
    source.startsWith('K') ? `c-${seed.kid(source)}` : `r-${seed.rid(source)}`;

  beforeAll(async () => {
    t = await createTestContext(target);
    seed = await seedClosedLoop(t.db.database.db);
    for (const e of ['M1', 'M2', 'A1', 'A2', 'A3']) {
      tokens[e] = await t.tokenFor(e.startsWith('M') ? 'segment_manager' : 'agent', e);
    }
    tokens.hr = await t.tokenFor('hr');
    tokens.exec = await t.tokenFor('executive');
  });
  afterAll(() => t.db.drop());

  const list = async (query: string, token = t.adminToken) => {
    const res = await t.request(`/api/cases?${query}`, { token });
    expect(res.status, query).toBe(200);
    return (await res.json()) as CaseList;
  };
  const sources = (l: CaseList) => l.rows.map((r) => r.source).sort();
  const kpis = async (period: string, scope: string) => {
    const res = await t.request(`/api/kpis?period=${period}&scope=${scope}`);
    expect(res.status).toBe(200);
    const all = ((await res.json()) as { kpis: Kpis }).kpis;
    // value and n only (the answer carries the previous period beside each)
    return Object.fromEntries(
      Object.entries(all).map(([k, v]) => [k, { value: v.value, n: v.n }]),
    ) as Kpis;
  };

  it('opens a case for every detractor answer and every valid complaint, owned as the spec says', async () => {
    const all = await list('page_size=200');
    expect(all.total).toBe(9);
    expect(sources(all)).toEqual(['K1', 'K2', 'K3', 'KN', 'R1', 'R2', 'R3', 'R5', 'RP1']);
    const by = new Map(all.rows.map((r) => [r.source, r]));
    expect(by.get('R2')!.owner).toBe('M1');
    expect(by.get('K3')!.owner).toBe('M1');
    expect(by.get('R3')!.owner).toBe('A3');
    expect(by.get('R1')!.state).toBe('contacted');
    expect(by.get('R5')!.state).toBe('contacted');
    expect(by.get('K1')!.state).toBe('contacted');
    expect(by.get('R3')!.state).toBe('open');
    // due = responded_at + 48 h
    expect(by.get('R1')!.due_at).toBe('2026-01-12T10:00:00Z');
    expect(by.get('K2')!.due_at).toBe('2026-02-03T00:00:00Z');
    expect(by.get('R1')!.comment).toBe('Доставка опоздала на неделю');
    // revenue at risk: CA1's 12 months up to this month = 1000.00; CP has no revenue
    expect(Number(by.get('R1')!.revenue_at_risk)).toBe(1000);
    expect(Number(by.get('RP1')!.revenue_at_risk)).toBe(0);
    // open cases are overdue and come first
    expect(all.rows.slice(0, 4).every((r) => r.overdue && r.state === 'open')).toBe(true);
  });

  it('lists per role: an agent theirs, a manager their segments, admin and executive all, hr none', async () => {
    expect(sources(await list('', tokens.A1))).toEqual(['K1', 'K3', 'KN', 'R1', 'R5']);
    expect(sources(await list('', tokens.A2))).toEqual(['RP1']);
    expect(sources(await list('', tokens.A3))).toEqual(['K2', 'R3']);
    expect(sources(await list('', tokens.M1))).toEqual(['K1', 'K3', 'KN', 'R1', 'R2', 'R5', 'RP1']);
    expect(sources(await list('', tokens.M2))).toEqual(['K2', 'R3']);
    expect((await list('', tokens.exec)).total).toBe(9);
    expect((await t.request('/api/cases', { token: tokens.hr })).status).toBe(403);
    expect((await t.app.request('/api/cases')).status).toBe(401);
    // a named scope is checked: M1 may not name M2's segment, A1 not another agent
    expect((await t.request('/api/cases?scope=segment:SB', { token: tokens.M1 })).status).toBe(403);
    expect((await t.request('/api/cases?scope=employee:A2', { token: tokens.A1 })).status).toBe(
      403,
    );
    expect(sources(await list('scope=segment:SA', tokens.M1))).toHaveLength(7);
    // employee scope = the cases they own
    expect(sources(await list('scope=employee:A1'))).toEqual(['K1', 'KN', 'R1', 'R5']);
  });

  it('filters, sorts and pages on the server', async () => {
    expect(sources(await list('status=open'))).toEqual(['K2', 'KN', 'R3', 'RP1']);
    expect(sources(await list('status=contacted'))).toEqual(['K1', 'K3', 'R1', 'R2', 'R5']);
    expect(sources(await list('status=active'))).toHaveLength(9);
    expect(sources(await list('overdue=true'))).toEqual(['K2', 'KN', 'R3', 'RP1']);
    expect(sources(await list('overdue=false'))).toHaveLength(5);
    expect(sources(await list('segment=SB'))).toEqual(['K2', 'R3']);
    expect(sources(await list('owner=M1'))).toEqual(['K3', 'R2']);
    // score ≤ 2: R3 (0) and RP1 (2); complaint cases have no score
    expect(sources(await list('score_max=2'))).toEqual(['R3', 'RP1']);
    expect(sources(await list('kind=complaint'))).toEqual(['K1', 'K2', 'K3', 'KN']);
    // revenue at risk ≥ 500: only CA1 (1000.00)
    expect(sources(await list('min_revenue=500'))).toEqual(['K1', 'R1', 'R5']);
    const page1 = await list('page_size=4&sort=opened');
    const page3 = await list('page_size=4&page=3&sort=opened');
    expect(page1.total).toBe(9);
    expect(page1.rows).toHaveLength(4);
    expect(page3.rows).toHaveLength(1);
    const res = await t.request('/api/cases?status=nope');
    expect(res.status).toBe(400);
  });

  it('one customer: revenue, class and its answer, comments, complaints, cases, money explained', async () => {
    const res = await t.request('/api/customers/CA1?period=2026-06', { token: tokens.A1 });
    expect(res.status).toBe(200);
    const c = (await res.json()) as {
      nps_class: string;
      latest_nps: { external_id: string; score: number };
      ttm: string;
      clv: string;
      revenue_at_risk: string;
      explanation: Record<string, string>;
      revenue: { month: string; amount: string }[];
      responses: { external_id: string; comment: string | null }[];
      complaints: { external_id: string; contacts: unknown[] }[];
      contacts: unknown[];
      open_cases: { source: string }[];
    };
    // T = 2026-07-01: ttm 2025-07 … 2026-06 = 1000.00; latest answer R5 (5): detractor;
    // clv = 1000 × 0.35 × (1 + 0.7 + 0.49) = 766.50 (default assumptions); at risk: all
    expect(c.nps_class).toBe('detractor');
    expect(c.latest_nps).toMatchObject({ external_id: 'R5', score: 5 });
    expect(c.ttm).toBe('1000.00');
    expect(c.clv).toBe('766.50');
    expect(c.revenue_at_risk).toBe('1000.00');
    expect(c.explanation.clv).toContain('766.50');
    expect(c.revenue).toEqual([
      { month: '2026-06', amount: '1000.00', currency: 'EUR', reporting: '1000.00' },
    ]);
    expect(c.responses.map((r) => r.external_id)).toEqual(['R5', 'R4', 'R1']);
    expect(c.responses.find((r) => r.external_id === 'R4')!.comment).toBe(
      'Отличный сервис, спасибо',
    );
    expect(c.complaints.map((k) => k.external_id)).toEqual(['K1']);
    expect(c.complaints[0]!.contacts).toHaveLength(1);
    expect(c.open_cases.map((x) => x.source).sort()).toEqual(['K1', 'R1', 'R5']);
    // a customer of another segment: 403; unknown: 403 for a manager, 404 for admin
    expect((await t.request('/api/customers/CB1', { token: tokens.M1 })).status).toBe(403);
    expect((await t.request('/api/customers/CA2', { token: tokens.A1 })).status).toBe(403);
    expect((await t.request('/api/customers/NOPE', { token: tokens.M1 })).status).toBe(403);
    expect((await t.request('/api/customers/NOPE')).status).toBe(404);
    expect((await t.request('/api/customers/CB1', { token: tokens.hr })).status).toBe(403);
  });

  it('finds comments by a Cyrillic or Latvian word in any case, with score and period filters', async () => {
    const search = async (query: string, token = t.adminToken) => {
      const res = await t.request(`/api/responses?${query}`, { token });
      expect(res.status, query).toBe(200);
      return ((await res.json()) as { rows: { external_id: string }[] }).rows.map(
        (r) => r.external_id,
      );
    };
    // "ДОСТАВКА" in capitals finds "Доставка" (R1); "piegāde" finds "Piegāde" (R2)
    expect(await search(`q=${encodeURIComponent('ДОСТАВКА')}`)).toEqual(['R1']);
    expect(await search(`q=${encodeURIComponent('piegāde')}`)).toEqual(['R2']);
    // "сервис" is in R4 (9) only; with score_max=6 nothing
    expect(await search(`q=${encodeURIComponent('сервис')}`)).toEqual(['R4']);
    expect(await search(`q=${encodeURIComponent('сервис')}&score_max=6`)).toEqual([]);
    // every comment, newest first; detractors of January; promoters of Q1
    expect(await search('')).toEqual(['RP2', 'R4', 'R3', 'R2', 'R1']);
    expect(await search('period=2026-01&score_max=6')).toEqual(['R2', 'R1']);
    expect(await search('period=2026-Q1&score_min=9')).toEqual(['RP2', 'R4']);
    // a wildcard is a literal character, not a pattern
    expect(await search('q=%25')).toEqual([]);
    // a manager sees their segments' comments, an agent the answers given to them
    expect(await search('', tokens.M2)).toEqual(['R3']);
    expect(await search('', tokens.A2)).toEqual(['RP2']);
    expect((await t.request('/api/responses?scope=segment:SA', { token: tokens.M2 })).status).toBe(
      403,
    );
    expect((await t.request('/api/responses', { token: tokens.hr })).status).toBe(403);
  });

  it('the new KPIs of Q1 and Q2, by hand, before anyone acts', async () => {
    const q1 = await kpis('2026-Q1', 'company');
    // answers 0–6 in Q1: R1, R2, R3, R5, RP1; within 48 h: R1 (exactly 48 h), R5 (2 h)
    expect(q1.detractor_contact_rate).toEqual({ value: 40, n: 5 });
    // contacted: R1 48 h, R2 48 h 1 s, R5 2 h: the median is 48 h
    expect(q1.detractor_contact_h).toEqual({ value: 48, n: 3 });
    // valid complaints resolved in Q1: K1 (contact before resolution), K2 (follow_up_at
    // a day after), K3 (contact after, but no answer): only K2
    expect(q1.follow_up_rate!.n).toBe(3);
    expect(q1.follow_up_rate!.value).toBeCloseTo(100 / 3, 10);
    // acquired in Q1: CN (2026-02-10), CB2 (2026-03-01); CX (2026-04-01) is Q2's
    expect(q1.acquired).toEqual({ value: 2, n: 2 });
    expect((await kpis('2026-Q2', 'company')).acquired).toEqual({ value: 1, n: 1 });
    expect((await kpis('2026-Q1', 'segment:SB')).acquired).toEqual({ value: 1, n: 1 });
    // Q2 (start 2026-04-01): dissatisfied at the start: CA1 (R5 = 5), CA2 (R2 = 6),
    // CB1 (R3 = 0), CN (no answer, valid complaint KN on 2026-03-15); not CP (latest
    // RP2 = 10), not CB2. Held to 2026-07-01: CA1, CN, CB1 (churned on the end day);
    // CA2 churned 2026-05-01
    expect((await kpis('2026-Q2', 'company')).held_dissatisfied_rate).toEqual({ value: 75, n: 4 });
    const sa = (await kpis('2026-Q2', 'segment:SA')).held_dissatisfied_rate!;
    expect(sa.n).toBe(3);
    expect(sa.value).toBeCloseTo(200 / 3, 10);
    expect((await kpis('2026-Q2', 'employee:A1')).held_dissatisfied_rate).toEqual({
      value: 100,
      n: 2,
    });
    // by owner: A1 owns R1, R5 (both in time); M1 owns R2 (late); SA: 2 of R1, R2, R5, RP1
    expect((await kpis('2026-Q1', 'employee:A1')).detractor_contact_rate).toEqual({
      value: 100,
      n: 2,
    });
    expect((await kpis('2026-Q1', 'employee:M1')).detractor_contact_rate).toEqual({
      value: 0,
      n: 1,
    });
    expect((await kpis('2026-Q1', 'manager:M1')).detractor_contact_rate).toEqual({
      value: 50,
      n: 4,
    });
  });

  it('the new KPIs are bonus-plan lines, and the HR CSV carries them', async () => {
    const plan = {
      key: 'agents',
      role: 'agent',
      period_kind: 'quarter',
      valid_from: '2026-01-01',
      lines: [
        {
          kpi: 'detractor_contact_rate',
          weight: 0.5,
          threshold: 20,
          target: 50,
          stretch: 80,
          payout_at_threshold: 0.5,
          cap: 1.5,
          min_sample: 1,
          below_min: 'neutral',
        },
        {
          kpi: 'acquired',
          weight: 0.5,
          threshold: 0,
          target: 1,
          stretch: 2,
          payout_at_threshold: 0.5,
          cap: 1.5,
          min_sample: 0,
          below_min: 'neutral',
        },
      ],
    };
    expect((await t.sendJson('POST', '/api/plans', plan)).status).toBe(201);
    const res = await t.request('/api/bonus/export.csv?period=2026-Q1');
    expect(res.status).toBe(200);
    const rows = parse(await res.text(), { columns: true, bom: true }) as Record<string, string>[];
    const a1 = rows.find((r) => r.external_id === 'A1')!;
    // A1: 2 of 2 answers in time (100, above stretch: the cap 1.5); acquired 1 (CN) = target
    // total 0.5 × 1.5 + 0.5 × 1 = 1.25; bonus 1000.00 × 1.25
    expect(a1).toMatchObject({
      detractor_contact_rate_value: '100.0000',
      detractor_contact_rate_n: '2',
      detractor_contact_rate_achievement: '1.5000',
      detractor_contact_rate_contribution: '0.7500',
      acquired_value: '1.0000',
      acquired_n: '1',
      acquired_achievement: '1.0000',
      total_achievement: '1.2500',
      bonus_amount: '1250.00',
    });
  });

  it('the SLA is a setting: at 24 h, R1 (48 h) is late too', async () => {
    await t.db.database.db.execute(
      sql`insert into settings (key, value) values ('sla_hours', '24')`,
    );
    try {
      expect((await kpis('2026-Q1', 'company')).detractor_contact_rate).toEqual({
        value: 20,
        n: 5,
      });
      const r1 = (await list('kind=response')).rows.find((r) => r.source === 'R1')!;
      expect(r1.due_at).toBe('2026-01-11T10:00:00Z');
    } finally {
      await t.db.database.db.execute(sql`delete from settings where key = 'sla_hours'`);
    }
  });

  it('an agent logs a follow-up call and a gift on their complaint: follow_up_rate and recovery_cost move at once', async () => {
    const before = await t.request('/api/money?period=2026-Q1&scope=company');
    expect(
      ((await before.json()) as { figures: Record<string, string> }).figures.recovery_cost,
    ).toBe('0.00');
    const call = await t.sendJson(
      'POST',
      `/api/cases/${caseId('K1')}/contacts`,
      {
        channel: 'call',
        outcome: 'reached',
        note: 'Called back, all good',
        contacted_at: '2026-01-09T12:00:00Z',
      },
      tokens.A1,
    );
    expect(call.status).toBe(201);
    // K1 now has a reached contact 24 h after resolution: 2 of 3 followed up
    const q1 = await kpis('2026-Q1', 'company');
    expect(q1.follow_up_rate!.value).toBeCloseTo(200 / 3, 10);
    const gift = await t.sendJson(
      'POST',
      '/api/recovery-actions',
      {
        complaint: 'K1',
        kind: 'gift',
        cost: '25.50',
        currency: 'EUR',
        performed_at: '2026-02-01T00:00:00Z',
      },
      tokens.A1,
    );
    expect(gift.status).toBe(201);
    const after = await t.request('/api/money?period=2026-Q1&scope=company');
    expect(
      ((await after.json()) as { figures: Record<string, string> }).figures.recovery_cost,
    ).toBe('25.50');
    // the same tables as imported data: the recovery log lists it
    const log = await t.request('/api/customers/recovery-log?period=2026-Q1&scope=company');
    const body = (await log.json()) as { total: number; actions: { kind: string; cost: string }[] };
    expect(body.total).toBe(1);
    expect(body.actions[0]!.kind).toBe('gift');
    const detail = await t.request(`/api/cases/${caseId('K1')}`, { token: tokens.A1 });
    expect(detail.status).toBe(200);
    const history = ((await detail.json()) as { history: { event: string }[] }).history.map(
      (h) => h.event,
    );
    expect(history).toEqual(['opened', 'contact', 'resolved', 'contact', 'recovery_action']);
  });

  it('closes with a reason (once), reopens, and every write is audited', async () => {
    const id = caseId('K1');
    const close = await t.sendJson(
      'POST',
      `/api/cases/${id}/close`,
      { reason: 'recovered' },
      tokens.A1,
    );
    expect(close.status).toBe(200);
    const again = await t.sendJson(
      'POST',
      `/api/cases/${id}/close`,
      { reason: 'declined' },
      tokens.A1,
    );
    expect(again.status).toBe(409);
    expect(sources(await list('status=closed'))).toEqual(['K1']);
    const bad = await t.sendJson('POST', `/api/cases/${id}/close`, { reason: 'bored' }, tokens.A1);
    expect(bad.status).toBe(400);
    const reopen = await t.request(`/api/cases/${id}/reopen`, { method: 'POST', token: tokens.A1 });
    expect(reopen.status).toBe(200);
    expect((await list('status=closed')).total).toBe(0);
    const actions = (await t.db.database.db.select().from(auditLog)).map((a) => a.action);
    for (const a of ['case.contact', 'recovery_action.create', 'case.close', 'case.reopen']) {
      expect(actions).toContain(a);
    }
  });

  it('a manager reassigns in bulk to their team; KPIs of the owner follow', async () => {
    const res = await t.sendJson(
      'POST',
      '/api/cases/reassign',
      { ids: [caseId('RP1'), caseId('R2')], owner: 'A1' },
      tokens.M1,
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { changed: number }).changed).toBe(2);
    expect(sources(await list('', tokens.A1))).toEqual(['K1', 'K3', 'KN', 'R1', 'R2', 'R5', 'RP1']);
    // A1 owns R1, R2, R5, RP1 now: in time R1 and R5
    expect((await kpis('2026-Q1', 'employee:A1')).detractor_contact_rate).toEqual({
      value: 50,
      n: 4,
    });
    expect((await kpis('2026-Q1', 'employee:A2')).detractor_contact_rate).toEqual({
      value: null,
      n: 0,
    });
    // not to someone outside the team, not by an agent, not a foreign case
    const foreign = { ids: [caseId('R1')], owner: 'A3' };
    expect((await t.sendJson('POST', '/api/cases/reassign', foreign, tokens.M1)).status).toBe(403);
    const byAgent = { ids: [caseId('R1')], owner: 'A2' };
    expect((await t.sendJson('POST', '/api/cases/reassign', byAgent, tokens.A1)).status).toBe(403);
    const other = { ids: [caseId('R3')], owner: 'M1' };
    expect((await t.sendJson('POST', '/api/cases/reassign', other, tokens.M1)).status).toBe(403);
  });

  it('refuses writes outside the caller’s cases, and bad bodies', async () => {
    const call = { channel: 'call', outcome: 'reached' };
    expect(
      (await t.sendJson('POST', `/api/cases/${caseId('K1')}/contacts`, call, tokens.A3)).status,
    ).toBe(403);
    expect(
      (await t.sendJson('POST', `/api/cases/${caseId('R3')}/contacts`, call, tokens.A1)).status,
    ).toBe(403);
    expect(
      (await t.sendJson('POST', `/api/cases/${caseId('R3')}/contacts`, call, tokens.exec)).status,
    ).toBe(403);
    expect((await t.sendJson('POST', '/api/cases/r-999999/contacts', call, tokens.A1)).status).toBe(
      403,
    );
    expect((await t.sendJson('POST', '/api/cases/r-999999/contacts', call)).status).toBe(404);
    const badChannel = { channel: 'pigeon', outcome: 'reached' };
    expect(
      (await t.sendJson('POST', `/api/cases/${caseId('K1')}/contacts`, badChannel, tokens.A1))
        .status,
    ).toBe(400);
    const gift = { complaint: 'K2', kind: 'gift', cost: '5', currency: 'EUR' };
    expect((await t.sendJson('POST', '/api/recovery-actions', gift, tokens.A1)).status).toBe(403);
    const badKind = { complaint: 'K1', kind: 'flowers', cost: '5', currency: 'EUR' };
    expect((await t.sendJson('POST', '/api/recovery-actions', badKind, tokens.A1)).status).toBe(
      400,
    );
    // a currency without an FX rate is refused like an import row, nothing written
    const usd = { complaint: 'K1', kind: 'gift', cost: '5', currency: 'USD' };
    const refused = await t.sendJson('POST', '/api/recovery-actions', usd, tokens.A1);
    expect(refused.status).toBe(422);
    // an admin without an employee must say who did it
    expect((await t.sendJson('POST', `/api/cases/${caseId('R3')}/contacts`, call)).status).toBe(
      422,
    );
  });

  it('a manager’s call on an open answer moves it to contacted; a late contact does not count as in time', async () => {
    const res = await t.sendJson(
      'POST',
      `/api/cases/${caseId('R3')}/contacts`,
      { channel: 'meeting', outcome: 'resolved' },
      tokens.M2,
    );
    expect(res.status).toBe(201);
    expect(sources(await list('status=open'))).toEqual(['K2', 'KN', 'RP1']);
    const q1 = await kpis('2026-Q1', 'company');
    expect(q1.detractor_contact_rate).toEqual({ value: 40, n: 5 });
    expect(q1.detractor_contact_h!.n).toBe(4);
  });
});
