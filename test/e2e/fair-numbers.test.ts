import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from './harness';

const overflow = (page: import('playwright-core').Page) =>
  page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );

describe('fair numbers on the golden set in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it('the leaderboard says how it ranks and ranks only samples of at least 10; cards say whether a change is real', async () => {
    for (const width of [1280, 390]) {
      const s = await e2e.open('executive', { width });
      const { page } = s;
      await s.goto('/overview?period=2026-Q1&scope=company');
      const rule = page.getByTestId('leaderboard-rule');
      await rule.waitFor();
      expect(await rule.textContent()).toContain('at least 10 answers');
      const ns = await page
        .getByTestId('leaderboard')
        .locator('tbody tr td:last-child')
        .allTextContents();
      expect(ns.length).toBeGreaterThan(0);
      for (const n of ns) expect(Number(n)).toBeGreaterThanOrEqual(10);
      const change = page.getByTestId('kpi-nps-change');
      await change.waitFor();
      expect(await change.textContent()).toMatch(
        /vs previous: (within noise|a real (improvement|decline))/,
      );
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await s.screenshot(`fair-overview-${width}`);
      expect(s.errors).toEqual([]);
      await s.context.close();
    }
  });

  it('a bogus period in the URL is said so, not replaced by another period', async () => {
    const s = await e2e.open('executive');
    const { page } = s;
    await s.goto('/overview?period=2026-Q7&scope=company');
    const err = page.getByTestId('period-error');
    await err.waitFor();
    expect(await err.textContent()).toContain('“2026-Q7” is not a period');
    await s.screenshot('fair-bogus-period');
    await s.context.close();
  });

  it('the plans editor explains shrinkage with a live example', async () => {
    const s = await e2e.open('admin');
    const { page } = s;
    await s.goto('/admin');
    await page.getByRole('textbox', { name: 'Line 1 shrink' }).fill('20');
    const example = page.getByTestId('shrink-example').first();
    await example.waitFor();
    // the agents' NPS line: stretch 60, threshold 0, min sample 5 → (5 × 60 + 20 × 0) / 25 = 12
    expect(await example.textContent()).toContain('counts as 12.0');
    await s.screenshot('fair-plan-shrink');
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});

describe('signals on the demo company in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E('pglite', { data: { demoAsOf: '2026-11-22' } });
  });
  afterAll(() => e2e?.close());

  it('HR sees one planted case of each signal with its evidence, at 1280 and 390 px', async () => {
    for (const width of [1280, 390]) {
      const s = await e2e.open('hr', { width });
      const { page } = s;
      await s.goto('/signals?period=2026-Q4');
      await page.getByTestId('signals').waitFor();
      const kinds = await page
        .getByTestId('signals')
        .locator('li[data-kind]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
      expect(kinds.sort()).toEqual([
        'burst',
        'repeat_customer',
        'top_box_anomaly',
        'unfounded_share',
      ]);
      expect(await page.getByTestId('signals-note').textContent()).toContain(
        'none of them changes pay',
      );
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await s.screenshot(`fair-signals-${width}`);
      expect(s.errors).toEqual([]);
      await s.context.close();
    }
  });
});
