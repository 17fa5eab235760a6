import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedFor, moneyText, npsText, percentText } from './expected';
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
});
