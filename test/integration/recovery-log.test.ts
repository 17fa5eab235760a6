import { Dec } from '@delight/api/lib/decimal';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { goldenExpected, goldenFile, importGolden } from '../src/golden';

interface Action {
  external_id: string;
  performed_at: string;
  kind: string;
  cost: string;
  currency: string;
  reporting_cost: string;
  complaint: { external_id: string; validity: string; severity: string };
  customer: { external_id: string; name: string };
  employee: { external_id: string; name: string };
}
interface Log {
  period: string;
  scope: string;
  currency: string;
  page: number;
  page_size: number;
  total: number;
  totals: {
    actions: number;
    reporting_cost: string;
    by_kind: { kind: string; actions: number; reporting_cost: string }[];
  };
  actions: Action[];
}
interface ExpectedMoney {
  figures?: Record<string, string | number | null>;
  counts: Record<string, number>;
}

const csv = (name: string) =>
  parse(goldenFile(name), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
const actions = csv('recovery_actions.csv');
const complaints = new Map(csv('complaints.csv').map((k) => [k.external_id!, k]));
const customers = new Map(csv('customers.csv').map((c) => [c.external_id!, c]));
const employees = new Map(csv('employees.csv').map((e) => [e.external_id!, e]));
const rates = new Map(csv('fx_rates.csv').map((r) => [`${r.month}|${r.currency}`, r.rate!]));

const expected = goldenExpected();
const cases = expected._meta.periods.flatMap((period) =>
  Object.entries(expected[period] as Record<string, ExpectedMoney>)
    .filter(([, v]) => v.figures !== undefined)
    .map(([scope, want]) => ({ period, scope, want })),
);
const cents = (d: Dec) => d.toDecimalPlaces(2, Dec.ROUND_HALF_EVEN).toFixed(2);

describe.each(databaseTargets())('recovery log on %s', (target) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(target);
    await importGolden(t.db.database);
  });
  afterAll(() => t.db.drop());

  const get = async (query: string, token?: string) => {
    const res = await t.request(`/api/customers/recovery-log?${query}`, token ? { token } : {});
    return { status: res.status, body: res.status === 200 ? ((await res.json()) as Log) : null };
  };
  /** every page of a log, concatenated */
  const all = async (query: string, token?: string, size = 200) => {
    const first = await get(`${query}&page_size=${size}`, token);
    expect(first.status).toBe(200);
    const out = [...first.body!.actions];
    for (let page = 2; out.length < first.body!.total; page++) {
      out.push(...(await get(`${query}&page_size=${size}&page=${page}`, token)).body!.actions);
    }
    return { log: first.body!, actions: out };
  };

  it.each(cases)(
    '$period $scope: the log sums to recovery_cost and counts recovery_actions',
    async ({ period, scope, want }) => {
      const { log, actions: rows } = await all(`period=${period}&scope=${scope}`);
      expect(log.total).toBe(want.counts.recovery_actions);
      expect(rows).toHaveLength(want.counts.recovery_actions!);
      const sum = rows.reduce((s, a) => s.plus(a.reporting_cost), new Dec(0));
      expect(cents(sum)).toBe(want.figures!.recovery_cost);
      expect(log.totals.reporting_cost).toBe(want.figures!.recovery_cost);
      expect(log.totals.actions).toBe(log.total);
      expect(log.totals.by_kind.reduce((s, k) => s + k.actions, 0)).toBe(log.total);
    },
  );

  it('2026-Q1, company: every action of the CSV in the quarter, newest first, FX by hand', async () => {
    const inQ1 = actions
      .filter((a) => a.performed_at! >= '2026-01-01T00:00:00Z' && a.performed_at! < '2026-04-01')
      .sort((a, b) =>
        a.performed_at === b.performed_at
          ? a.external_id! < b.external_id!
            ? 1
            : -1
          : a.performed_at! < b.performed_at!
            ? 1
            : -1,
      );
    const { log, actions: rows } = await all('period=2026-Q1&scope=company');
    expect(log.currency).toBe('EUR');
    expect(rows.map((r) => r.external_id)).toEqual(inQ1.map((a) => a.external_id));
    const byKind = new Map<string, { n: number; cost: Dec }>();
    for (const [i, a] of inQ1.entries()) {
      const r = rows[i]!;
      const k = complaints.get(a.complaint!)!;
      const rate =
        a.currency === 'EUR' ? '1' : rates.get(`${a.performed_at!.slice(0, 7)}|${a.currency}`)!;
      const reporting = new Dec(a.cost!).times(rate);
      expect(new Dec(r.reporting_cost).equals(reporting), a.external_id).toBe(true);
      expect(new Dec(r.cost).equals(a.cost!)).toBe(true);
      expect(r).toMatchObject({
        performed_at: a.performed_at,
        kind: a.kind,
        currency: a.currency,
        complaint: { external_id: k.external_id, validity: k.validity, severity: k.severity },
        customer: { external_id: k.customer, name: customers.get(k.customer!)!.name },
        employee: { external_id: a.employee, name: employees.get(a.employee!)!.name },
      });
      const acc = byKind.get(a.kind!) ?? { n: 0, cost: new Dec(0) };
      byKind.set(a.kind!, { n: acc.n + 1, cost: acc.cost.plus(reporting) });
    }
    // some actions are in other currencies, so the conversion is exercised
    expect(inQ1.some((a) => a.currency !== 'EUR')).toBe(true);
    expect(log.totals.by_kind).toEqual(
      [...byKind.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([kind, v]) => ({ kind, actions: v.n, reporting_cost: cents(v.cost) })),
    );
  });

  it('pages on the server: small pages concatenate to the whole log', async () => {
    const whole = await all('period=2026-Q1&scope=company');
    const paged = await all('period=2026-Q1&scope=company', undefined, 4);
    expect(paged.actions).toEqual(whole.actions);
    expect(paged.log.actions).toHaveLength(4);
    const past = await get('period=2026-Q1&scope=company&page_size=4&page=99');
    expect(past.body!.actions).toEqual([]);
    expect(past.body!.total).toBe(whole.log.total);
    expect(past.body!.totals).toEqual(whole.log.totals);
  });

  it('a segment manager sees their segments only; by default their own scope', async () => {
    const token = await t.tokenFor('segment_manager', 'E004');
    const own = await all('period=2026-Q2', token);
    expect(own.log.scope).toBe('manager:E004');
    const segs = new Set(own.actions.map((a) => customers.get(a.customer.external_id)!.segment));
    expect(segs).toEqual(new Set(['S1', 'S2']));
    for (const s of segs) expect(['S1', 'S2']).toContain(s);
    const asAdmin = await all('period=2026-Q2&scope=manager:E004');
    expect(own.actions).toEqual(asAdmin.actions);
    for (const scope of ['company', 'segment:S3', 'manager:E005', 'employee:E011']) {
      expect((await get(`period=2026-Q2&scope=${scope}`, token)).status, scope).toBe(403);
    }
  });

  it('an agent sees the customers they account-manage; hr 403; 401 without a credential', async () => {
    const token = await t.tokenFor('agent', 'E006');
    const own = await all('period=2026-Q1', token);
    expect(own.log.scope).toBe('employee:E006');
    // one action in Q1 on a customer E006 account-manages (recovery_actions.csv)
    expect(own.actions.map((a) => a.performed_at)).toEqual(['2026-01-12T09:00:00Z']);
    for (const a of own.actions) {
      expect(customers.get(a.customer.external_id)!.account_manager).toBe('E006');
    }
    expect((await get('period=2026-Q2&scope=segment:S1', token)).status).toBe(403);
    expect((await get('period=2026-Q2', await t.tokenFor('hr', 'E002'))).status).toBe(403);
    expect((await get('period=2026-Q2&scope=company', await t.tokenFor('executive'))).status).toBe(
      200,
    );
    expect((await t.app.request('/api/customers/recovery-log?period=2026-Q2')).status).toBe(401);
    expect((await get('period=2026-Q9')).status).toBe(400);
    expect((await get('period=2026-Q1&page_size=500')).status).toBe(400);
  });
});
