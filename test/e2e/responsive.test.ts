import type { Role } from '@delight/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from './harness';

// Every page of every role, phone-wide and desktop-wide: it loads without console
// errors, the page itself never scrolls sideways (wide tables scroll in their own box),
// and a screenshot is kept under test/artifacts/ for a look.
const PAGES: { role: Role; path: string; ready: string }[] = [
  { role: 'executive', path: '/overview?period=2026-Q1', ready: 'kpi-nps-value' },
  { role: 'segment_manager', path: '/segments?period=2026-Q1', ready: 'customers' },
  { role: 'agent', path: '/scorecard?period=2026-Q1', ready: 'bonus-amount' },
  { role: 'hr', path: '/hr?period=2026-Q1', ready: 'bonus-rows' },
  { role: 'admin', path: '/admin', ready: 'plan-lines' },
  {
    role: 'executive',
    path: '/drilldown?period=2026-Q1&scope=segment%3AS1',
    ready: 'customers',
  },
];

describe('every page at 390 and 1280 px in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  for (const width of [390, 1280]) {
    it(`renders each page ${width} px wide`, async () => {
      for (const p of PAGES) {
        const s = await e2e.open(p.role, { width });
        await s.goto(p.path);
        await s.page.getByTestId(p.ready).waitFor();
        const overflow = await s.page.evaluate<number>(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        );
        const name = `page-${p.path.slice(1).split('?')[0]}`;
        await s.screenshot(name);
        expect({ page: p.path, overflow }).toEqual({ page: p.path, overflow: 0 });
        expect({ page: p.path, errors: s.errors }).toEqual({ page: p.path, errors: [] });
        await s.context.close();
      }
    });
  }
});
