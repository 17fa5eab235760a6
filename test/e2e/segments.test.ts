import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goldenFile } from '../src/golden';
import { expectedFor, moneyText, npsText, percentText } from './expected';

const csv = (name: string) =>
  parse(goldenFile(name), { columns: true }) as Record<string, string>[];

import { type E2E, startE2E } from './harness';

describe('segment manager view in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it("shows the manager's own scope by default with golden KPIs, money and let-go list", async () => {
    const s = await e2e.open('segment_manager');
    const { page } = s;
    await s.goto('/segments?period=2026-Q1');
    const exp = expectedFor('2026-Q1', 'manager:E004');
    await page.getByTestId('kpi-nps-value').waitFor();
    expect(await page.getByTestId('scope-select').inputValue()).toBe('manager:E004');
    expect(await page.getByTestId('kpi-nps-value').textContent()).toBe(
      npsText(exp.kpis.nps!.value!),
    );
    expect(await page.getByTestId('kpi-retention_rate-value').textContent()).toBe(
      percentText(exp.kpis.retention_rate!.value!),
    );
    await page.getByTestId('money-revenue_at_risk-value').waitFor();
    expect(await page.getByTestId('money-revenue_at_risk-value').textContent()).toBe(
      moneyText(String(exp.figures.revenue_at_risk), exp.currency),
    );
    // a segment manager may not pick the whole company
    expect(await page.getByTestId('scope-select').locator('option[value="company"]').count()).toBe(
      0,
    );
    const letGo = page.getByTestId('let-go');
    await letGo.waitFor();
    for (const id of exp.let_go) await letGo.getByText(`(${id})`).waitFor();
    expect(await letGo.locator('tbody tr').count()).toBe(exp.let_go.length);
    await page.getByTestId('team').waitFor();
    await s.screenshot('segments');
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('sorts the customer table on the server and keeps the sort in the URL', async () => {
    const s = await e2e.open('segment_manager');
    const { page } = s;
    await s.goto('/segments?period=2026-Q1');
    const table = page.getByTestId('customers');
    await table.waitFor();
    await table.getByRole('button', { name: /Customer/ }).click();
    await page.waitForURL(/sort=name/);
    await table.locator('th[aria-sort="ascending"]').waitFor();
    const names = await table.locator('tbody tr td:first-child').allTextContents();
    expect(names.length).toBeGreaterThan(1);
    const sorted = [...names].sort((a, b) => a.localeCompare(b));
    // server order is by name ascending (collation may differ from the browser's only in ties)
    expect(names[0]!.slice(0, 1)).toBe(sorted[0]!.slice(0, 1));
    expect(new URL(page.url()).searchParams.get('dir')).toBe('asc');
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('lists the recovery log of the manager’s segments with costs by kind', async () => {
    const s = await e2e.open('segment_manager');
    const { page } = s;
    await s.goto('/segments?period=2026-Q1');
    const exp = expectedFor('2026-Q1', 'manager:E004');
    // independent truth: the actions of Q1 on complaints of S1/S2 customers, newest first
    const segmentOf = new Map(csv('customers.csv').map((c) => [c.external_id, c.segment]));
    const customerOf = new Map(csv('complaints.csv').map((k) => [k.external_id, k.customer]));
    const mine = csv('recovery_actions.csv')
      .filter(
        (a) =>
          a.performed_at! >= '2026-01-01' &&
          a.performed_at! < '2026-04-01' &&
          ['S1', 'S2'].includes(segmentOf.get(customerOf.get(a.complaint!)!)!),
      )
      .sort((a, b) =>
        a.performed_at === b.performed_at
          ? b.external_id!.localeCompare(a.external_id!)
          : b.performed_at!.localeCompare(a.performed_at!),
      );
    const log = page.getByTestId('recovery-log');
    await log.waitFor();
    expect(mine).toHaveLength(exp.counts.recovery_actions!);
    const ids = await log
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')));
    expect(ids).toEqual(mine.map((a) => a.external_id));
    expect(await page.getByTestId('recovery-total').textContent()).toBe(
      moneyText(String(exp.figures.recovery_cost), exp.currency),
    );
    const kinds = await page
      .getByTestId('recovery-kinds')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-kind')));
    expect(kinds).toEqual([...new Set(mine.map((a) => a.kind))].sort());
    await page.getByRole('heading', { name: 'Recovery log' }).scrollIntoViewIfNeeded();
    await s.screenshot('segments-recovery-log');
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});
