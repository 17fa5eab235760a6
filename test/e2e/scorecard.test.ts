import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedFor, moneyText } from './expected';
import { type E2E, startE2E } from './harness';

interface ExpectedRow {
  employee: string;
  currency: string;
  bonus_amount: string;
  total_achievement: number;
  lines: { kpi: string }[];
}
const rowOf = (period: string, employee: string) =>
  (expectedFor(period, 'bonus') as unknown as { rows: ExpectedRow[] }).rows.find(
    (r) => r.employee === employee,
  )!;
const shareText = (v: number) =>
  new Intl.NumberFormat('en-US', {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(v);

describe('employee scorecard in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it("shows the agent's own golden bonus projection, plan lines, statement and needs", async () => {
    const s = await e2e.open('agent');
    const { page } = s;
    await s.goto('/scorecard?period=2026-Q1');
    const exp = rowOf('2026-Q1', 'E006');
    await page.getByTestId('bonus-amount').waitFor();
    expect(await page.getByTestId('bonus-amount').textContent()).toBe(
      moneyText(exp.bonus_amount, exp.currency),
    );
    expect(await page.getByTestId('total-achievement').textContent()).toBe(
      shareText(exp.total_achievement),
    );
    for (const l of exp.lines) await page.getByTestId(`line-${l.kpi}`).waitFor();
    expect(await page.getByTestId('statement').locator('li').count()).toBeGreaterThan(0);
    await s.screenshot('scorecard');

    await page.getByTestId('period-select').selectOption('2026-Q2');
    const q2 = rowOf('2026-Q2', 'E006');
    await page
      .getByTestId('bonus-amount')
      .filter({ hasText: moneyText(q2.bonus_amount, q2.currency) })
      .waitFor();
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('is usable 390 px wide', async () => {
    const s = await e2e.open('agent', { width: 390 });
    const { page } = s;
    await s.goto('/scorecard?period=2026-Q1');
    await page.getByTestId('bonus-amount').waitFor();
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await s.screenshot('scorecard');
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});
