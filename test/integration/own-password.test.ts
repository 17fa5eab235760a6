import { createUser } from '@delight/api/auth';
import { queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';

const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new secret';

/** POST /api/auth/password: a signed-in person changes their own password (issue 10 point 17). */
describe.each(databaseTargets())('changing one’s own password on %s', (target) => {
  let t: TestContext;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    t.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  async function signIn(email: string, password: string) {
    const res = await post('/api/auth/login', { email, password });
    if (res.status !== 200) return null;
    const cookie = /dl_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { cookie, csrfToken };
  }
  type Session = NonNullable<Awaited<ReturnType<typeof signIn>>>;
  const change = (s: Session, current: string, next: string, csrf = s.csrfToken) =>
    post(
      '/api/auth/password',
      { current_password: current, new_password: next },
      { cookie: `dl_session=${s.cookie}`, 'x-csrf-token': csrf },
    );
  const me = (s: Session) =>
    t.app.request('/api/auth/me', { headers: { cookie: `dl_session=${s.cookie}` } });

  beforeAll(async () => {
    t = await createTestContext(target);
    for (const email of ['anna@x.example', 'boris@x.example', 'guess@x.example']) {
      await createUser(t.db.database.db, { email, password: PASSWORD, role: 'executive' });
    }
  });
  afterAll(() => t.db.drop());

  it('with the right current password: the new one signs in, the old one no longer; other sessions end, this one stays', async () => {
    const here = (await signIn('anna@x.example', PASSWORD))!;
    const elsewhere = (await signIn('anna@x.example', PASSWORD))!;
    const res = await change(here, PASSWORD, NEW_PASSWORD);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ changed: true, sessionsEnded: 1 });
    expect((await me(here)).status).toBe(200);
    expect((await me(elsewhere)).status).toBe(401);
    expect(await signIn('anna@x.example', PASSWORD)).toBeNull();
    expect(await signIn('anna@x.example', NEW_PASSWORD)).not.toBeNull();
    const audit = await queryRows<{ actor: string; action: string; after: unknown }>(
      t.db.database.db,
      sql`select actor, action, after from audit_log where entity = 'user:anna@x.example'`,
    );
    expect(audit).toEqual([
      {
        actor: 'user:anna@x.example',
        action: 'user.password',
        after: { passwordChanged: true, sessionsEnded: 1 },
      },
    ]);
    // the stored hash is a new scrypt hash, not the password
    const [row] = await queryRows<{ password_hash: string }>(
      t.db.database.db,
      sql`select password_hash from users where email = 'anna@x.example'`,
    );
    expect(row!.password_hash).toMatch(/^scrypt\$/);
    expect(row!.password_hash).not.toContain(NEW_PASSWORD);
  });

  it('refuses a wrong current password, a short or unchanged new one, a missing CSRF header, and API tokens', async () => {
    const s = (await signIn('boris@x.example', PASSWORD))!;
    const wrong = await change(s, 'not my password', NEW_PASSWORD);
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ code: 'wrong_password' });
    const short = await change(s, PASSWORD, 'short');
    expect(short.status).toBe(400);
    expect(((await short.json()) as { message: string }).message).toMatch(/at least 8 characters/);
    expect((await change(s, PASSWORD, PASSWORD)).status).toBe(400);
    expect((await change(s, PASSWORD, NEW_PASSWORD, 'forged')).status).toBe(403);
    const token = await t.request('/api/auth/password', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ current_password: PASSWORD, new_password: NEW_PASSWORD }),
    });
    expect(token.status).toBe(403);
    // nothing changed
    expect(await signIn('boris@x.example', PASSWORD)).not.toBeNull();
  });

  it('a stolen session cannot guess the current password: wrong guesses are throttled like sign-ins', async () => {
    const s = (await signIn('guess@x.example', PASSWORD))!;
    for (let i = 0; i < 5; i++)
      expect((await change(s, `guess ${i}`, NEW_PASSWORD)).status).toBe(400);
    const throttled = await change(s, PASSWORD, NEW_PASSWORD);
    expect(throttled.status).toBe(429);
    expect(((await throttled.json()) as { message: string }).message).toMatch(/in 1 minute/);
  });
});
