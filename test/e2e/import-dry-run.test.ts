import { queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goldenFile } from '../src/golden';
import { type E2E, startE2E } from './harness';

/**
 * Issue 10.14 in the browser: an upload (plans.json here) is checked first; the form
 * shows rows per file and the bonus totals before → after, writes nothing, and applies
 * only when the admin confirms.
 */
const PLANS = goldenFile('plans.json')
  .replace('"weight": 0.3', '"weight": 0.4')
  .replace('"weight": 0.2', '"weight": 0.1');

describe('import form dry run in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  const weights = async () =>
    (
      await queryRows<{ w: string }>(
        e2e.database.db,
        sql`select string_agg(l.weight::text, ',' order by l.position) as w from bonus_plan_lines l
            join bonus_plan_versions v on v.id = l.version_id join bonus_plans p on p.id = v.plan_id where p.key = 'agents'`,
      )
    )[0]!.w;

  it.each([1280, 390])(
    'at %i px: shows what plans.json changes, then applies it on confirmation',
    async (width) => {
      const s = await e2e.open('admin', { width });
      const { page } = s;
      await s.goto('/admin');
      expect(await page.getByText(/CSV only|\(CSV\)/).count()).toBe(0);
      const stored = await weights();
      await page.getByLabel('Files').setInputFiles({
        name: 'plans.json',
        mimeType: 'application/json',
        buffer: Buffer.from(PLANS),
      });
      await page.getByRole('button', { name: 'Import' }).click();
      const preview = page.getByTestId('import-preview');
      await preview.waitFor();
      if (width === 390) {
        // the second run re-sends the plans the first one applied: nothing to apply
        await page.getByText('These files change nothing.').waitFor();
        expect(await page.getByRole('button', { name: 'Apply the import' }).isDisabled()).toBe(
          true,
        );
        await s.screenshot('import-dry-run');
        await s.context.close();
        return;
      }
      const changes = await page
        .getByTestId('import-changes')
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
        );
      expect(changes).toEqual([['plans.json', '0', '1', '1']]);
      // nothing is written yet
      const bonus = await page
        .getByTestId('import-bonus')
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
        );
      // the period in words (periodLabel), as everywhere in the dashboard
      const q2 = bonus.find((r) => r[0] === 'Q2 2026');
      expect(q2).toBeDefined();
      expect(q2![1]).not.toBe(q2![2]);
      expect(await weights()).toBe(stored);
      await s.screenshot('import-dry-run');

      await page.getByRole('button', { name: 'Apply the import' }).click();
      await page.getByTestId('import-result').waitFor();
      expect(await weights()).not.toBe(stored);
      // after the import, the stored totals are the dry run's "after" (as the page formatted them)
      const res = await page.evaluate(async () =>
        (await fetch('/api/bonus?period=2026-Q2', { credentials: 'include' })).json(),
      );
      const totals = (res as { totals: { currency: string; bonus_amount: string }[] }).totals;
      const after = bonus.filter((r) => r[0] === 'Q2 2026').map((r) => r[2]);
      const formatted = await page.evaluate(
        (ts) =>
          ts.map((t) =>
            new Intl.NumberFormat('en-US', { style: 'currency', currency: t.currency }).format(
              t.bonus_amount as never,
            ),
          ),
        totals,
      );
      expect(after.sort()).toEqual(formatted.sort());
      expect(s.errors).toEqual([]);
      await s.context.close();
    },
  );
});
