import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, PASSWORD, startE2E, USERS } from './harness';

// Signing out and the first visit ask /api/auth/me, which answers 401: Chromium logs
// that failed request on its console. It is the one expected message of this flow.
const EXPECTED_401 = /status of 401/;

describe('sign-in in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it('sends a visitor to the login page, refuses a wrong password, and routes each role home', async () => {
    const cases = [
      ['executive', '/overview'],
      ['segment_manager', '/segments'],
      ['agent', '/scorecard'],
      ['hr', '/hr'],
    ] as const;
    for (const [role, home] of cases) {
      const s = await e2e.open(null);
      const { page } = s;
      await s.goto('/overview?period=2026-Q1');
      await page.waitForURL(/\/login$/);
      await page.getByLabel('Email').fill(USERS[role].email);
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'Wrong email or password' }).waitFor();
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((u) => u.pathname === home);
      if (role === 'executive') {
        await s.screenshot('login-done');
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.waitForURL(/\/login$/);
        // the session is gone on the server too: the app asks again and stays signed out
        await page.reload({ waitUntil: 'networkidle' });
        await page.getByRole('button', { name: 'Sign in' }).waitFor();
      }
      expect(s.errors.filter((e) => !EXPECTED_401.test(e))).toEqual([]);
      await s.context.close();
    }
  });
});
