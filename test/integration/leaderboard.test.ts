import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { goldenFile, importGolden } from '../src/golden';

type Csv = Record<string, string>[];
const responses = parse(goldenFile('responses.csv'), { columns: true }) as Csv;
const customers = parse(goldenFile('customers.csv'), { columns: true }) as Csv;
const employees = parse(goldenFile('employees.csv'), { columns: true }) as Csv;

/** NPS counts by hand from the golden CSVs, for 2026-Q1. */
function counts(filter: (r: Record<string, string>) => boolean) {
  const rs = responses.filter(
    (r) =>
      r.kind === 'nps' &&
      r.responded_at! >= '2026-01-01' &&
      r.responded_at! < '2026-04-01' &&
      filter(r),
  );
  const p = rs.filter((r) => Number(r.score) >= 9).length;
  const d = rs.filter((r) => Number(r.score) <= 6).length;
  return { n: rs.length, p, d };
}
const segmentOfCustomer = new Map(customers.map((c) => [c.external_id!, c.segment!]));
const segmentOfEmployee = new Map(employees.map((e) => [e.external_id!, e.segment || null]));
const company = counts(() => true);

/** The spec's shrunk NPS, by hand: 100 × ((P + k·p₀) − (D + k·d₀)) / (n + k). */
function expected(k: number, minN: number) {
  const agents = employees.filter((e) => e.role === 'agent').map((e) => e.external_id!);
  return agents
    .map((id) => {
      const own = counts((r) => r.employee === id);
      const seg = segmentOfEmployee.get(id);
      const s = seg ? counts((r) => segmentOfCustomer.get(r.customer!) === seg) : null;
      const prior = s && s.n > 0 ? s : company;
      const shrunk =
        (100 * (own.p + (k * prior.p) / prior.n - (own.d + (k * prior.d) / prior.n))) / (own.n + k);
      return { id, n: own.n, raw: own.n ? (100 * (own.p - own.d)) / own.n : null, shrunk };
    })
    .filter((r) => r.n >= minN)
    .sort((a, b) => b.shrunk - a.shrunk);
}

interface Board {
  k: number;
  min_n: number;
  ranks_by: string;
  rows: {
    rank: number;
    id: string;
    n: number;
    raw: number;
    moe: number;
    shrunk: number;
    prior_scope: string;
  }[];
  below_minimum: { id: string; n: number }[];
}

describe.each(databaseTargets())('leaderboard on %s', (target) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(target);
    await importGolden(t.db.database);
  });
  afterAll(() => t.db.drop());

  const board = async (token?: string) =>
    (await (
      await t.request('/api/kpis/leaderboard?period=2026-Q1&role=agent', token ? { token } : {})
    ).json()) as Board;

  it('ranks by NPS shrunk toward the segment with k = 20, only n ≥ 10 (the defaults)', async () => {
    const b = await board();
    expect(b).toMatchObject({ k: 20, min_n: 10 });
    expect(b.ranks_by).toContain('at least 10 answers');
    const want = expected(20, 10);
    expect(b.rows.map((r) => r.id)).toEqual(want.map((r) => r.id));
    b.rows.forEach((r, i) => {
      expect(r.shrunk).toBeCloseTo(want[i]!.shrunk, 9);
      expect(r.raw).toBeCloseTo(want[i]!.raw!, 9);
      expect(r.n).toBe(want[i]!.n);
      expect(r.moe).toBeGreaterThan(0);
    });
    // everyone with answers but fewer than 10 is listed, not ranked
    for (const low of b.below_minimum) expect(low.n).toBeLessThan(10);
  });

  it('the admin sets k and the minimum; k = 0 ranks by raw NPS; audited', async () => {
    const bad = await t.sendJson('PUT', '/api/kpis/leaderboard/settings', { k: -1, min_n: 0 });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { message: string }).message).toBe(
      'K must be 0 (no shrinkage) or more. The minimum sample must be at least 1.',
    );
    const ok = await t.sendJson('PUT', '/api/kpis/leaderboard/settings', { k: 0, min_n: 3 });
    expect(ok.status).toBe(200);
    const b = await board();
    expect(b).toMatchObject({ k: 0, min_n: 3 });
    const want = expected(0, 3);
    expect(b.rows.map((r) => r.shrunk)).toEqual(b.rows.map((r) => r.raw));
    expect(b.rows.map((r) => r.id).sort()).toEqual(want.map((r) => r.id).sort());
    const hr = await t.tokenFor('hr', 'E002');
    expect(
      (await t.sendJson('PUT', '/api/kpis/leaderboard/settings', { k: 5, min_n: 5 }, hr)).status,
    ).toBe(403);
    const audit = (await (await t.request('/api/audit')).json()) as {
      entries: { action: string; after: unknown }[];
    };
    expect(audit.entries.some((e) => e.action === 'leaderboard.settings')).toBe(true);
  });

  it('a segment manager sees their team only; an agent gets 403', async () => {
    const manager = await t.tokenFor('segment_manager', 'E004');
    const b = await board(manager);
    for (const r of [...b.rows, ...b.below_minimum]) {
      expect(['S1', 'S2']).toContain(segmentOfEmployee.get(r.id));
    }
    const agent = await t.tokenFor('agent', 'E006');
    expect((await t.request('/api/kpis/leaderboard?period=2026-Q1', { token: agent })).status).toBe(
      403,
    );
  });
});
