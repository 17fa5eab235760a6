import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, PASSWORD, startE2E, USERS } from './harness';

describe('own account page in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it('is reached from the name in the header; a wrong current password is refused, then the password changes', async () => {
    for (const [width, next] of [
      [390, 'first new password'],
      [1280, 'second new password'],
    ] as const) {
      const current = width === 390 ? PASSWORD : 'first new password';
      const s = await e2e.open(null, { width });
      const { page } = s;
      const signIn = await s.context.request.post('/api/auth/login', {
        data: { email: USERS.agent.email, password: current },
      });
      expect(signIn.status()).toBe(200);
      await s.goto('/scorecard?period=2026-Q1');
      await page.locator('.who a').click();
      await page.waitForURL((u) => u.pathname === '/account');
      await page.getByRole('heading', { name: 'Change your password' }).waitFor();

      await page.getByLabel('Current password').fill('not my password');
      await page.getByLabel(/^New password \(at least/).fill(next);
      await page.getByLabel('New password again').fill(next);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: 'current password is not correct' })
        .waitFor();

      await page.getByLabel('Current password').fill(current);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('Password changed.').waitFor();
      await s.screenshot('account');
      // still signed in here, and the new password is the one that works
      expect((await s.context.request.get('/api/auth/me')).status()).toBe(200);
      const login = (password: string) =>
        e2e.browser
          .newContext({ baseURL: e2e.url })
          .then((c) =>
            c.request.post('/api/auth/login', { data: { email: USERS.agent.email, password } }),
          );
      expect((await login(current)).status()).toBe(401);
      expect((await login(next)).status()).toBe(200);
      // the only console error is the refused change (400)
      expect(s.errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
      await s.context.close();
    }
  });
});
