import type { Role } from '@delight/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moneyText, npsText } from './expected';
import { type E2E, type Session, startE2E } from './harness';

// The demo company exactly as `pnpm start` loads it (as of 2026-10-01, so 2026-Q3 is a
// whole quarter), signed in with its own demo users. Each page must load without
// console errors and show what the API answers for the same view.
const PERIOD = '2026-Q3';

describe('every page on the demo company in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E('pglite', { data: { demoAsOf: '2026-10-01' } });
  });
  afterAll(() => e2e?.close());

  /** The API's answer for the signed-in user of the session. */
  const api = async <T>(s: Session, path: string): Promise<T> => {
    const res = await s.context.request.get(path);
    expect(res.status(), path).toBe(200);
    return (await res.json()) as T;
  };
  const visit = async (role: Role, path: string, ready: string) => {
    const s = await e2e.open(role);
    await s.goto(path);
    await s.page.getByTestId(ready).waitFor();
    return s;
  };
  const done = async (s: Session, name: string) => {
    await s.screenshot(`demo-${name}`);
    expect(s.errors).toEqual([]);
    await s.context.close();
  };

  it('executive overview shows the company NPS and money of the API', async () => {
    const s = await visit('executive', `/overview?period=${PERIOD}`, 'kpi-nps-value');
    const kpis = await api<{ kpis: { nps: { value: number } } }>(
      s,
      `/api/kpis?period=${PERIOD}&scope=company`,
    );
    expect(await s.page.getByTestId('kpi-nps-value').textContent()).toBe(
      npsText(kpis.kpis.nps.value),
    );
    const money = await api<{ currency: string; figures: Record<string, string> }>(
      s,
      `/api/money?period=${PERIOD}&scope=company`,
    );
    await s.page.getByTestId('money-revenue_at_risk-value').waitFor();
    expect(await s.page.getByTestId('money-revenue_at_risk-value').textContent()).toBe(
      moneyText(money.figures.revenue_at_risk!, money.currency),
    );
    await done(s, 'overview');
  });

  it("segment manager sees the customers of the API's list, biggest first", async () => {
    const s = await visit('segment_manager', `/segments?period=${PERIOD}`, 'customers');
    const list = await api<{ customers: { name: string }[] }>(s, `/api/customers?period=${PERIOD}`);
    expect(list.customers.length).toBeGreaterThan(0);
    const first = s.page.getByTestId('customers').locator('tbody tr td:first-child').first();
    expect(await first.textContent()).toContain(list.customers[0]!.name);
    await done(s, 'segments');
  });

  it("agent's scorecard shows the projected bonus of their statement", async () => {
    const s = await visit('agent', `/scorecard?period=${PERIOD}`, 'bonus-amount');
    const { row } = await api<{ row: { bonus_amount: string; currency: string } }>(
      s,
      `/api/bonus/statement?period=${PERIOD}`,
    );
    expect(await s.page.getByTestId('bonus-amount').textContent()).toBe(
      moneyText(row.bonus_amount, row.currency),
    );
    await done(s, 'scorecard');
  });

  it('HR sees one row per employee of the bonus run', async () => {
    const s = await visit('hr', `/hr?period=${PERIOD}`, 'bonus-rows');
    const run = await api<{ rows: unknown[] }>(s, `/api/bonus?period=${PERIOD}`);
    expect(run.rows.length).toBeGreaterThan(10);
    expect(await s.page.getByTestId('bonus-rows').locator('tbody tr').count()).toBe(
      run.rows.length,
    );
    await done(s, 'hr');
  });

  it('admin sees the plans in force', async () => {
    const s = await visit('admin', '/admin', 'plan-lines');
    await done(s, 'admin');
  });

  it('drill-down of a demo segment lists its customers', async () => {
    const s0 = await e2e.open('executive');
    const segments = await api<{ rows: { scope: string }[] }>(
      s0,
      `/api/kpis/breakdown?period=${PERIOD}&by=segment`,
    );
    await s0.context.close();
    const scope = segments.rows[0]!.scope;
    const s = await visit(
      'executive',
      `/drilldown?period=${PERIOD}&scope=${encodeURIComponent(scope)}`,
      'customers',
    );
    await done(s, 'drilldown');
  });
});
