import { queryRows } from '@delight/db';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goldenFile } from '../src/golden';
import { expectedFor, moneyText } from './expected';
import { type E2E, startE2E } from './harness';

type PlanJson = { key: string; valid_from: string; lines: unknown[] };
const agents = (JSON.parse(goldenFile('plans.json')) as { plans: PlanJson[] }).plans.find(
  (p) => p.key === 'agents',
)!;
/** An employee's bonus_amount in the golden HR CSV of a period. */
const hrAmount = (period: string, employee: string): string =>
  (
    parse(goldenFile(`expected_hr_${period}.csv`), { columns: true }) as Record<string, string>[]
  ).find((r) => r.external_id === employee)!.bonus_amount!;
const toCents = (v: string) => Math.round(Number(v) * 100);
const centsText = (c: number) => `${c < 0 ? '-' : ''}${(Math.abs(c) / 100).toFixed(2)}`;

// Line 2 has an unknown segment and line 4 a date that is no date; line 3 is fine.
const BAD_CUSTOMERS = [
  'external_id,name,segment,account_manager,acquired_on,churned_on',
  'CX1,Bad Segment Ltd,S9,,2025-01-01,',
  'CX2,Good Ltd,S1,,2025-01-01,',
  'CX3,Bad Date Ltd,S1,,2025-13-45,',
  '',
].join('\n');

describe('admin page in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it('shows line-numbered errors for a bad import file and writes nothing', async () => {
    const s = await e2e.open('admin');
    const { page } = s;
    await s.goto('/admin');
    await page.getByLabel('Files').setInputFiles({
      name: 'customers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(BAD_CUSTOMERS, 'utf8'),
    });
    await page.getByRole('button', { name: 'Import' }).click();
    const table = page.getByTestId('import-errors');
    await table.waitFor();
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
      );
    expect(rows.map((r) => r[0])).toEqual(rows.map(() => 'customers.csv'));
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(['2', '4']));
    const written = await queryRows<{ n: number }>(
      e2e.database.db,
      sql`select count(*)::int as n from customers where external_id = 'CX2'`,
    );
    expect(written[0]!.n).toBe(0);
    await s.screenshot('admin-import');
    // the rejected 422 is logged by Chromium as a failed resource; nothing else may be
    expect(s.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
    await s.context.close();
  });

  it('shows the API validation messages for a bad plan and previews its lines', async () => {
    const s = await e2e.open('admin');
    const { page } = s;
    await s.goto('/admin');
    await page.getByTestId('plan-lines').waitFor();
    const weight = page.getByLabel('Line 1 weight', { exact: true });
    await weight.fill('0.9');
    await page.getByTestId('plan-preview').getByText('weight 90%').waitFor();
    await page.getByRole('button', { name: 'Save this version' }).click();
    const problems = page.getByTestId('problems');
    await problems.waitFor();
    expect(await problems.textContent()).toMatch(/weight/i);
    await s.screenshot('admin-plans');
    expect(s.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
    await s.context.close();
  });

  it('previews the bonus run under an edited plan: current → edited amount per employee', async () => {
    const s = await e2e.open('admin');
    const { page } = s;
    await s.goto('/admin');
    await page.getByTestId('plan-lines').waitFor();
    expect(await page.getByTestId('plan-select').inputValue()).toBe(`agents@${agents.valid_from}`);
    await page.getByRole('button', { name: 'Preview bonus run' }).click();
    // default: the quarter holding the latest golden data
    const period = page.getByTestId('bonus-preview-period');
    await period.waitFor();
    expect(await period.inputValue()).toBe('2026-Q2');
    await period.selectOption('2026-Q1');
    const e006 = page.getByTestId('bonus-preview-rows').locator('tr[data-employee="E006"] td');
    const cell = (i: number) => () => e006.nth(i).textContent();
    // the stored plan unchanged: current = edited = the golden HR CSV amount
    const golden = hrAmount('2026-Q1', 'E006');
    await expect.poll(cell(1), { timeout: 15_000 }).toBe(moneyText(golden, 'EUR'));
    await expect.poll(cell(2)).toBe(moneyText(golden, 'EUR'));
    await expect.poll(cell(3)).toBe(moneyText('0.00', 'EUR'));
    // every line below its minimum and paying 100 %: E006 (whole quarter) gets the target
    for (let i = 1; i <= agents.lines.length; i++) {
      await page.getByLabel(`Line ${i} min sample`, { exact: true }).fill('1000000');
      await page.getByLabel(`Line ${i} below minimum`, { exact: true }).selectOption('neutral');
    }
    await expect.poll(cell(2), { timeout: 15_000 }).toBe(moneyText('2606.55', 'EUR'));
    expect(await cell(1)()).toBe(moneyText(golden, 'EUR'));
    const diff = centsText(toCents('2606.55') - toCents(golden));
    expect(await cell(3)()).toBe(
      `${diff.startsWith('-') ? '−' : '+'}${moneyText(diff.replace('-', ''), 'EUR')}`,
    );
    const totals = page.getByTestId('bonus-preview-totals');
    expect(
      await totals
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-currency'))),
    ).toEqual(['BGN', 'EUR', 'UAH']);
    await s.screenshot('admin-bonus-preview');
    // nothing was saved
    expect(await page.getByTestId('plan-saved').count()).toBe(0);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('shows which periods a save changes and by how much, then saves', async () => {
    const s = await e2e.open('admin');
    const { page } = s;
    await s.goto('/admin');
    expect(await page.getByTestId('assumptions-in-force').textContent()).not.toContain('1900');
    const preview = page.getByTestId('assumptions-preview');
    const exp = expectedFor('2026-Q1', 'company');
    const cell = (f: string, side: 'now' | 'after') => () =>
      preview.getByTestId(`impact-2026-Q1-${f}-${side}`).textContent();
    // no influence: no word of mouth; valid from New Year: every open 2026 period changes
    await page.getByRole('textbox', { name: /^Influence/ }).fill('0');
    await page.getByLabel(/^Valid from/).fill('2026-01-01');
    const q1 = preview.locator('li[data-period="2026-Q1"]');
    await expect.poll(() => q1.getAttribute('data-effect'), { timeout: 20_000 }).toBe('changes');
    await expect
      .poll(cell('promoter_referral_value', 'now'), { timeout: 20_000 })
      .toBe(moneyText(String(exp.figures.promoter_referral_value), exp.currency));
    await expect
      .poll(cell('promoter_referral_value', 'after'))
      .toBe(moneyText('0.00', exp.currency));
    expect(await cell('detractor_word_of_mouth_cost', 'after')()).toBe(
      moneyText('0.00', exp.currency),
    );
    for (const f of ['expected_churn_loss', 'recovery_value', 'avg_clv']) {
      expect(await cell(f, 'after')(), f).toBe(moneyText(String(exp.figures[f]), exp.currency));
    }
    expect(await preview.getByTestId('assumptions-impact-summary').textContent()).toMatch(
      /^Saving changes \d+ open periods \(/,
    );
    await s.screenshot('admin-assumptions-preview');
    await page.getByRole('button', { name: 'Save assumptions' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as a new version' }).waitFor();
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('the bonus and money previews fit 390 px without sideways scroll', async () => {
    const s = await e2e.open('admin', { width: 390 });
    const { page } = s;
    await s.goto('/admin');
    await page.getByRole('button', { name: 'Preview bonus run' }).click();
    await page.getByTestId('bonus-preview-rows').waitFor();
    await page.getByRole('textbox', { name: /^Gross margin/ }).fill('0.3');
    await page.getByTestId('assumptions-impact-summary').waitFor({ timeout: 20_000 });
    const overflow = await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBe(0);
    await s.screenshot('admin-previews');
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});
