import { queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from './harness';

/**
 * Issue 12.1 / 11.6 in the browser: applying an import runs it as a job, and the form
 * shows a progress bar per file with rows read and rows per second until it ends.
 */
const ROWS = 40_000;

describe('import form progress in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it('shows a progress bar per file with rows/s, then the result', async () => {
    const lines = ['external_id,customer,employee,kind,score,responded_at,comment'];
    for (let i = 0; i < ROWS; i++) lines.push(`P${i},C0001,,nps,${i % 11},2026-01-02T10:00:00Z,`);
    const s = await e2e.open('admin', { width: 1280 });
    const { page } = s;
    await s.goto('/admin');
    await page.getByLabel('Files').setInputFiles({
      name: 'responses.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${lines.join('\n')}\n`),
    });
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByTestId('import-preview').waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Apply the import' }).click();
    const progress = page.getByTestId('import-progress');
    await progress.waitFor({ timeout: 60_000 });
    expect(await progress.locator('progress').count()).toBe(1);
    await page.getByText(/responses\.csv: \w+, [\d,]+ rows \([\d,]+ rows\/s\)/).waitFor({
      timeout: 60_000,
    });
    await page.getByTestId('import-result').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('import-result').textContent()).toContain('responses.csv 40,000');
    const [row] = await queryRows<{ n: number }>(
      e2e.database.db,
      sql`select count(*)::int as n from responses where external_id like 'P%'`,
    );
    expect(row!.n).toBe(ROWS);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});
