import type { Role } from '@delight/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from './harness';

/**
 * Issue 17 point 3: every dashboard page prints cleanly. The page is laid out as on an
 * A4 sheet (210 mm − 2 × 12 mm margins = 186 mm ≈ 703 CSS px), under the print media:
 * the navigation is hidden, no table is wider than the page or scrolls inside its box
 * (a scrolled table would be cut on paper), and no chart runs past the page's edge.
 */
const A4_CONTENT_PX = Math.floor((186 / 25.4) * 96);
const PAGES: { role: Role; path: string; ready: string; charts?: number }[] = [
  // the trend, NPS by segment, the NPS-vs-revenue scatter and the three cornerstones' trends
  { role: 'executive', path: '/overview?period=2026-Q1', ready: 'kpi-nps-value', charts: 6 },
  { role: 'executive', path: '/drilldown?period=2026-Q1&scope=segment%3AS1', ready: 'customers' },
  // the three cornerstones' trends
  { role: 'segment_manager', path: '/segments?period=2026-Q1', ready: 'customers', charts: 3 },
  { role: 'segment_manager', path: '/scorecard?period=2026-Q1', ready: 'bonus-amount' },
  { role: 'agent', path: '/scorecard?period=2026-Q1', ready: 'bonus-amount' },
  { role: 'hr', path: '/hr?period=2026-Q1', ready: 'bonus-rows' },
  { role: 'hr', path: '/signals?period=2026-Q1', ready: '' },
  { role: 'admin', path: '/admin', ready: 'plan-lines' },
  { role: 'admin', path: '/account', ready: '' },
];

const STILL = `new Promise((resolve) => {
  const sizes = () => [...document.querySelectorAll('svg.recharts-surface')]
    .map((c) => String(c.getBoundingClientRect().width)).join();
  let last = sizes();
  let still = 0;
  const started = performance.now();
  const tick = () => {
    const now = sizes();
    still = now === last ? still + 1 : 0;
    last = now;
    if (still >= 10 || performance.now() - started > 3000) resolve(true);
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;

const LAYOUT = `(() => {
  const nav = document.querySelector('nav[aria-label="Pages"]');
  const pageWidth = document.documentElement.clientWidth;
  const tables = [...document.querySelectorAll('table')].map((t) => {
    const r = t.getBoundingClientRect();
    const box = t.closest('.table-wrap');
    return { right: r.right, width: r.width, scrolls: box ? box.scrollWidth > box.clientWidth + 1 : false };
  });
  const charts = [...document.querySelectorAll('svg.recharts-surface')].map((c) => {
    const r = c.getBoundingClientRect();
    return { right: r.right, width: r.width, height: r.height, marks: c.querySelectorAll('path, rect, circle').length };
  });
  return { navDisplay: nav ? getComputedStyle(nav).display : null, pageWidth, tables, charts };
})()`;

interface Layout {
  navDisplay: string | null;
  pageWidth: number;
  tables: { right: number; width: number; scrolls: boolean }[];
  charts: { right: number; width: number; height: number; marks: number }[];
}

describe('the print layout of every page in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it('hides the navigation and fits every table and chart to the page', async () => {
    for (const p of PAGES) {
      const s = await e2e.open(p.role, { width: A4_CONTENT_PX });
      const { page } = s;
      await s.goto(p.path);
      if (p.ready) await page.getByTestId(p.ready).first().waitFor();
      if (p.charts)
        await page
          .locator('svg.recharts-surface')
          .nth(p.charts - 1)
          .waitFor();
      await page.emulateMedia({ media: 'print' });
      // the charts measure their box again under the print rules
      await page.waitForFunction("matchMedia('print').matches");
      // until the charts' sizes hold still for a few frames (at most 3 s); the scripts
      // run in the page, so they are given as source (the test's types have no DOM)
      await page.evaluate(STILL);
      const layout = (await page.evaluate(LAYOUT)) as Layout;
      const where = `${p.role} ${p.path}`;
      expect(layout.navDisplay, where).toBe('none');
      expect(layout.pageWidth, where).toBeLessThanOrEqual(A4_CONTENT_PX);
      for (const [i, t] of layout.tables.entries()) {
        expect(t.right, `${where} table ${i} right edge`).toBeLessThanOrEqual(
          layout.pageWidth + 0.5,
        );
        expect(t.scrolls, `${where} table ${i} scrolls in its box`).toBe(false);
      }
      expect(layout.charts.length, `${where} charts`).toBe(p.charts ?? 0);
      for (const [i, c] of layout.charts.entries()) {
        expect(c.right, `${where} chart ${i} right edge`).toBeLessThanOrEqual(
          layout.pageWidth + 0.5,
        );
      }
      await page.screenshot({
        path: `test/artifacts/print-${p.role}-${p.path.split('?')[0]!.slice(1)}.png`,
        fullPage: true,
      });
      expect(s.errors, where).toEqual([]);
      await s.context.close();
    }
  });
});
