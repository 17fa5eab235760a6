import type { Role } from '@delight/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from './harness';

// Issue 10 point 9: a role reaches only the pages it can use. Written out by hand from
// docs/access.md ("Roles × data"): what is in each role's navigation, its home, and the
// pages that would show it only refusals.
const PAGES = ['/overview', '/segments', '/scorecard', '/hr', '/signals', '/admin'] as const;
const NAV: Record<Role, string[]> = {
  executive: ['Overview', 'Bonus & HR'],
  admin: ['Overview', 'My segments', 'Bonus & HR', 'Signals', 'Admin'],
  hr: ['Bonus & HR', 'Signals'],
  segment_manager: ['My segments', 'Scorecard', 'Signals'],
  agent: ['Scorecard'],
};
const HOME: Record<Role, string> = {
  executive: '/overview',
  admin: '/overview',
  hr: '/hr',
  segment_manager: '/segments',
  agent: '/scorecard',
};
const NAME: Record<(typeof PAGES)[number], string> = {
  '/overview': 'Overview',
  '/segments': 'My segments',
  '/scorecard': 'Scorecard',
  '/hr': 'Bonus & HR',
  '/signals': 'Signals',
  '/admin': 'Admin',
};
const ROLES: Role[] = ['executive', 'admin', 'hr', 'segment_manager', 'agent'];

describe('pages a role cannot use are not reachable (Chromium)', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  for (const role of ROLES) {
    it(`${role}: the navigation lists its pages; any other page leads home with a note`, async () => {
      const s = await e2e.open(role);
      const { page } = s;
      await s.goto(`${HOME[role]}?period=2026-Q1`);
      const nav = await page.getByRole('navigation', { name: 'Pages' }).getByRole('link').all();
      expect(await Promise.all(nav.map((l) => l.textContent()))).toEqual(NAV[role]);
      for (const path of PAGES) {
        if (NAV[role].includes(NAME[path])) continue;
        await s.goto(`${path}?period=2026-Q1`);
        await page.getByTestId('access-note').waitFor();
        expect(new URL(page.url()).pathname).toBe(HOME[role]);
        expect(await page.getByTestId('access-note').textContent()).toContain(`“${NAME[path]}”`);
        // the home page itself loads: no refusal blocks, no "Try again"
        expect(await page.getByRole('alert').count()).toBe(0);
        expect(await page.getByText('Try again').count()).toBe(0);
      }
      // the note belongs to the redirect only: the next page has none
      await s.goto(`${HOME[role]}?period=2026-Q1`);
      expect(await page.getByTestId('access-note').count()).toBe(0);
      expect(s.errors).toEqual([]);
      await s.context.close();
    });
  }

  it('an agent without a bonus row in the period sees why, as an empty state, not an error', async () => {
    const s = await e2e.open('agent');
    const { page } = s;
    // the golden plans are quarterly: a month has no bonus row for anyone
    await s.goto('/scorecard?period=2026-02');
    await page.getByTestId('no-bonus-row').waitFor();
    expect(await page.getByTestId('no-bonus-row').textContent()).toContain(
      'There is no bonus row for you in',
    );
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByText('Try again').count()).toBe(0);
    await s.context.close();
  });
});
