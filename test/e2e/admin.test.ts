import { queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from './harness';

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

  it('saves a new assumptions version after a preview of the money figures', async () => {
    const s = await e2e.open('admin');
    const { page } = s;
    await s.goto('/admin');
    const margin = page.getByRole('textbox', { name: /Gross margin/ });
    await margin.fill('0.42');
    await page
      .getByTestId('assumptions-preview')
      .getByText(/gross_margin at 0\.42/)
      .waitFor();
    await page.getByRole('button', { name: 'Save assumptions' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as a new version' }).waitFor();
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});
