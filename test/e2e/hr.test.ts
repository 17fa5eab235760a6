import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goldenFile } from '../src/golden';
import { type ExpectedBonusRow, expectedBonusRows, moneyText } from './expected';
import { type E2E, startE2E } from './harness';

type ExpectedRow = ExpectedBonusRow;
const bonusRows = expectedBonusRows;

/** Sums decimal strings with two minor units exactly (every golden currency has two). */
function totalsByCurrency(rows: ExpectedRow[]): Map<string, string> {
  const cents = new Map<string, bigint>();
  for (const r of rows) {
    const [whole, frac = ''] = r.bonus_amount.split('.');
    const v = BigInt(whole!) * 100n + BigInt(frac.padEnd(2, '0'));
    cents.set(r.currency, (cents.get(r.currency) ?? 0n) + v);
  }
  return new Map(
    [...cents].map(([c, v]) => [c, `${v / 100n}.${String(v % 100n).padStart(2, '0')}`]),
  );
}

const csvLines = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l !== '');

describe('HR page in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it('shows every golden bonus row and the totals per currency, and follows a period change', async () => {
    const s = await e2e.open('hr');
    const { page } = s;
    await s.goto('/hr?period=2026-Q1');
    const table = page.getByTestId('bonus-rows');
    await table.waitFor();
    const q1 = bonusRows('2026-Q1');
    expect(await table.locator('tbody tr').count()).toBe(q1.length);
    // segments by the names of segments.csv, not their codes
    const segmentName = new Map(
      (
        parse(goldenFile('segments.csv'), { columns: true }) as {
          external_id: string;
          name: string;
        }[]
      ).map((x) => [x.external_id, x.name]),
    );
    for (const r of q1) {
      const cell = table.locator(`tr[data-employee="${r.employee}"] td[data-col="bonus"]`);
      expect(await cell.textContent()).toBe(moneyText(r.bonus_amount, r.currency));
      const segment = table.locator(`tr[data-employee="${r.employee}"] td[data-col="segment"]`);
      expect(await segment.textContent()).toBe(r.segment ? segmentName.get(r.segment) : '—');
    }
    const totals = page.getByTestId('totals');
    for (const [currency, amount] of totalsByCurrency(q1)) {
      const row = totals.locator('tr', {
        has: page.getByRole('cell', { name: currency, exact: true }),
      });
      expect(await row.locator('td').nth(1).textContent()).toBe(moneyText(amount, currency));
    }
    await s.screenshot('hr');

    // filters narrow the table and live in the URL
    await page.getByLabel('Role').selectOption('agent');
    await page.waitForURL(/role=agent/);
    const agents = q1.filter((r) => r.role === 'agent');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(agents.length);
    await page.getByLabel('Role').selectOption('');

    await page.getByTestId('period-select').selectOption('2026-Q2');
    const q2 = bonusRows('2026-Q2');
    const first = q2[0]!;
    await table
      .locator(`tr[data-employee="${first.employee}"] td[data-col="bonus"]`)
      .filter({ hasText: moneyText(first.bonus_amount, first.currency) })
      .waitFor();
    expect(await table.locator('tbody tr').count()).toBe(q2.length);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('downloads the HR CSV with exactly the expected rows', async () => {
    const s = await e2e.open('hr');
    const { page } = s;
    await s.goto('/hr?period=2026-Q1');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('csv-download').click(),
    ]);
    const path = await download.path();
    // the golden cells, then the reconciling payout_factor after DESIGN.md's columns
    const got = parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as string[][];
    const want = parse(goldenFile('expected_hr_2026-Q1.csv')) as string[][];
    expect(got.map((row) => row.slice(0, -4))).toEqual(want);
    expect(got[0]!.slice(-4)).toEqual(['payout_factor', 'adjustments', 'run_state', 'approved_by']);
    expect(csvLines(readFileSync(path, 'utf8'))).toHaveLength(want.length);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('offers only the steps that are possible, and says why the others are not (issue 10.13)', async () => {
    const s = await e2e.open('hr');
    const { page } = s;
    await s.goto('/hr?period=2026-Q1');
    const state = page.getByTestId('period-state');
    // an open run is submitted first: closing is not offered yet
    await state.getByRole('button', { name: 'Submit for approval' }).waitFor();
    expect(await state.getByRole('button', { name: 'Close period…' }).count()).toBe(0);
    // a month without a plan: nothing to submit, said in words
    await s.goto('/hr?period=2026-02');
    await page
      .getByTestId('step-blocked')
      .getByText('No bonus plan covers month periods, so February 2026 has no bonus run to submit.')
      .waitFor();
    expect(await state.getByRole('button').count()).toBe(0);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it("opens one employee's step-by-step statement from a row of the bonus run, the same the employee sees", async () => {
    const agent = await e2e.open('agent');
    await agent.goto('/scorecard?period=2026-Q1');
    await agent.page.getByTestId('statement').locator('li').first().waitFor();
    const theirs = await agent.page.getByTestId('statement').locator('li').allTextContents();
    await agent.context.close();

    const s = await e2e.open('hr');
    const { page } = s;
    await s.goto('/hr?period=2026-Q1');
    const row = page.locator('[data-testid="bonus-rows"] tr[data-employee="E006"]');
    await row.getByRole('link').click();
    await page.getByTestId('statement').locator('li').first().waitFor();
    const url = new URL(page.url());
    expect([url.pathname, url.searchParams.get('employee')]).toEqual(['/scorecard', 'E006']);
    const exp = bonusRows('2026-Q1').find((r) => r.employee === 'E006')!;
    expect(await page.getByTestId('bonus-amount').textContent()).toBe(
      moneyText(exp.bonus_amount, exp.currency),
    );
    expect(await page.getByTestId('statement').locator('li').allTextContents()).toEqual(theirs);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Bērziņš');
    await page.getByRole('link', { name: '← Bonus run' }).click();
    await page.getByTestId('bonus-rows').waitFor();
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});
