import { createHash } from 'node:crypto';
import { createApp } from '@delight/api';
import { createUser } from '@delight/api/auth';
import { employees, queryRows, segments } from '@delight/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';

const PASSWORD = 'correct horse battery';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A request from a given peer address, as @hono/node-server would hand it to the app. */
const fromAddress = (address: string) => ({
  incoming: { socket: { remoteAddress: address, remotePort: 40000, remoteFamily: 'IPv4' } },
});

function sessionCookie(res: Response): string {
  const header = res.headers.get('set-cookie') ?? '';
  const m = /dl_session=([^;]*)/.exec(header);
  if (!m?.[1]) throw new Error(`no session cookie in "${header}"`);
  return m[1];
}

describe.each(databaseTargets())('sign-in and sessions on %s', (target) => {
  let t: TestContext;
  type App = TestContext['app'];

  const login = (
    email: string,
    password: string,
    opts: { app?: App; address?: string; cookie?: string } = {},
  ) =>
    (opts.app ?? t.app).request(
      '/api/auth/login',
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(opts.cookie ? { cookie: `dl_session=${opts.cookie}` } : {}),
        },
        body: JSON.stringify({ email, password }),
      },
      opts.address ? fromAddress(opts.address) : undefined,
    );

  const withCookie = (path: string, cookie: string, init: RequestInit = {}) =>
    t.app.request(path, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), cookie: `dl_session=${cookie}` },
    });

  beforeAll(async () => {
    t = await createTestContext(target);
    const db = t.db.database.db;
    // E1 manages S1; E2 is an agent in S1 (employees and segments reference each other).
    const [m] = await db
      .insert(employees)
      .values({
        externalId: 'E1',
        name: 'Līga Ozoliņa',
        email: 'e1@x.example',
        role: 'segment_manager',
        bonusTarget: '1000.00',
        currency: 'EUR',
        hiredOn: '2020-01-01',
      })
      .returning();
    const [s] = await db
      .insert(segments)
      .values({ externalId: 'S1', name: 'Retail', managerId: m!.id })
      .returning();
    await db.insert(employees).values({
      externalId: 'E2',
      name: 'Jānis',
      email: 'e2@x.example',
      role: 'agent',
      segmentId: s!.id,
      bonusTarget: '500.00',
      currency: 'EUR',
      hiredOn: '2020-01-01',
    });
    await createUser(db, { email: 'Admin@X.example', password: PASSWORD, role: 'admin' });
    await createUser(db, {
      email: 'manager@x.example',
      password: PASSWORD,
      role: 'segment_manager',
      employee: 'E1',
    });
    await createUser(db, {
      email: 'agent@x.example',
      password: PASSWORD,
      role: 'agent',
      employee: 'E2',
    });
    await createUser(db, { email: 'gone@x.example', password: PASSWORD, role: 'hr' });
    await db.execute(sql`update users set disabled = true where email = 'gone@x.example'`);
  });
  afterAll(() => t.db.drop());

  describe('createUser', () => {
    it('stores a salted scrypt hash, never the password', async () => {
      const rows = await queryRows<{ email: string; password_hash: string }>(
        t.db.database.db,
        sql`select email, password_hash from users order by email`,
      );
      expect(rows.map((r) => r.email)).toEqual([
        'admin@x.example',
        'agent@x.example',
        'gone@x.example',
        'manager@x.example',
      ]);
      for (const r of rows) {
        expect(r.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
        expect(r.password_hash).not.toContain(PASSWORD);
      }
      // Same password, different salts → different hashes.
      expect(new Set(rows.map((r) => r.password_hash)).size).toBe(rows.length);
    });

    it('refuses a short password, a manager without employee, an unknown employee and a duplicate email', async () => {
      const db = t.db.database.db;
      await expect(
        createUser(db, { email: 'a@x.example', password: 'short', role: 'admin' }),
      ).rejects.toMatchObject({ code: 'bad_request' });
      await expect(
        createUser(db, { email: 'b@x.example', password: PASSWORD, role: 'segment_manager' }),
      ).rejects.toMatchObject({ code: 'bad_request' });
      await expect(
        createUser(db, {
          email: 'c@x.example',
          password: PASSWORD,
          role: 'agent',
          employee: 'E404',
        }),
      ).rejects.toMatchObject({ code: 'not_found' });
      await expect(
        createUser(db, { email: 'ADMIN@x.example', password: PASSWORD, role: 'hr' }),
      ).rejects.toMatchObject({ code: 'conflict' });
    });
  });

  describe('session lifecycle', () => {
    it('login sets an HttpOnly SameSite=Lax cookie whose hash (only) is stored, and answers who I am', async () => {
      const res = await login('  ADMIN@x.example ', PASSWORD);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { user: unknown; csrfToken: string };
      expect(body.user).toEqual({
        email: 'admin@x.example',
        role: 'admin',
        employee: null,
        name: null,
        locale: null,
      });
      expect(body.csrfToken).toMatch(/^[\w-]{43}$/);

      const setCookie = res.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Lax/);
      expect(setCookie).toMatch(/Path=\//);
      expect(setCookie).toMatch(/Max-Age=43200/); // default 12 h
      expect(setCookie).not.toMatch(/Secure/);
      const cookie = sessionCookie(res);

      const rows = await queryRows<{ token_hash: string; csrf_token: string; hours: number }>(
        t.db.database.db,
        sql`select token_hash, csrf_token,
                   extract(epoch from expires_at - created_at)::float8 / 3600 as hours
            from sessions where token_hash = ${sha256(cookie)}`,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]!.csrf_token).toBe(body.csrfToken);
      expect(rows[0]!.hours).toBeCloseTo(12, 3);
      const plain = await queryRows<{ n: number }>(
        t.db.database.db,
        sql`select count(*)::int as n from sessions where token_hash = ${cookie}`,
      );
      expect(plain[0]!.n).toBe(0);

      const me = await withCookie('/api/auth/me', cookie);
      expect(me.status).toBe(200);
      expect(await me.json()).toEqual(body);
    });

    it('a linked employee shows in the answer', async () => {
      const res = await login('manager@x.example', PASSWORD);
      expect(await res.json()).toMatchObject({
        user: {
          email: 'manager@x.example',
          role: 'segment_manager',
          employee: 'E1',
          name: 'Līga Ozoliņa',
        },
      });
    });

    it('logout needs the CSRF header, deletes the session and clears the cookie', async () => {
      const res = await login('agent@x.example', PASSWORD);
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      const cookie = sessionCookie(res);

      const forged = await withCookie('/api/auth/logout', cookie, { method: 'POST' });
      expect(forged.status).toBe(403);
      expect(((await forged.json()) as { code: string }).code).toBe('csrf');
      expect((await withCookie('/api/auth/me', cookie)).status).toBe(200);

      const out = await withCookie('/api/auth/logout', cookie, {
        method: 'POST',
        headers: { 'x-csrf-token': csrfToken },
      });
      expect(out.status).toBe(204);
      expect(out.headers.get('set-cookie')).toMatch(/dl_session=;.*Max-Age=0/);
      const left = await queryRows<{ n: number }>(
        t.db.database.db,
        sql`select count(*)::int as n from sessions where token_hash = ${sha256(cookie)}`,
      );
      expect(left[0]!.n).toBe(0);
      const me = await withCookie('/api/auth/me', cookie);
      expect(me.status).toBe(401);
      // Logging out again (or without a session) is harmless.
      expect((await withCookie('/api/auth/logout', cookie, { method: 'POST' })).status).toBe(204);
    });

    it('an expired session is refused', async () => {
      const res = await login('agent@x.example', PASSWORD);
      const cookie = sessionCookie(res);
      await t.db.database.db.execute(
        sql`update sessions set expires_at = now() - interval '1 second' where token_hash = ${sha256(cookie)}`,
      );
      const me = await withCookie('/api/auth/me', cookie);
      expect(me.status).toBe(401);
      expect(((await me.json()) as { code: string }).code).toBe('unauthorized');
    });

    it('a disabled user’s session stops working', async () => {
      const res = await login('manager@x.example', PASSWORD);
      const cookie = sessionCookie(res);
      const db = t.db.database.db;
      await db.execute(sql`update users set disabled = true where email = 'manager@x.example'`);
      try {
        expect((await withCookie('/api/auth/me', cookie)).status).toBe(401);
      } finally {
        await db.execute(sql`update users set disabled = false where email = 'manager@x.example'`);
      }
    });

    it('a new sign-in replaces the session the browser had', async () => {
      const first = sessionCookie(await login('agent@x.example', PASSWORD));
      const second = await login('agent@x.example', PASSWORD, { cookie: first });
      expect(second.status).toBe(200);
      expect((await withCookie('/api/auth/me', first)).status).toBe(401);
      expect((await withCookie('/api/auth/me', sessionCookie(second))).status).toBe(200);
    });

    it('honours sessionTtlHours and secureCookies', async () => {
      const app = createApp({ database: t.db.database, sessionTtlHours: 2, secureCookies: true });
      const res = await login('agent@x.example', PASSWORD, { app });
      expect(res.status).toBe(200);
      const setCookie = res.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/Max-Age=7200/);
      expect(setCookie).toMatch(/Secure/);
      const rows = await queryRows<{ hours: number }>(
        t.db.database.db,
        sql`select extract(epoch from expires_at - created_at)::float8 / 3600 as hours
            from sessions where token_hash = ${sha256(sessionCookie(res))}`,
      );
      expect(rows[0]!.hours).toBeCloseTo(2, 3);
    });

    it('/me with a bearer token describes the token; without credentials it is a 401', async () => {
      const me = await t.request('/api/auth/me');
      expect(await me.json()).toEqual({
        user: { email: null, role: 'admin', employee: null, name: 'token:admin', locale: null },
        csrfToken: null,
      });
      expect((await t.app.request('/api/auth/me')).status).toBe(401);
      expect((await withCookie('/api/auth/me', 'forged')).status).toBe(401);
    });
  });

  describe('CSRF on cookie-authenticated writes', () => {
    it('a write with the session cookie needs X-CSRF-Token equal to the session’s; bearer writes do not', async () => {
      const res = await login('admin@x.example', PASSWORD);
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      const cookie = sessionCookie(res);
      const body = JSON.stringify({ role: 'executive', name: 'csrf-test' });
      const post = (headers: Record<string, string>) =>
        withCookie('/api/tokens', cookie, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
        });

      expect((await withCookie('/api/tokens', cookie)).status).toBe(200); // reads need none
      const forgeries: Record<string, string>[] = [
        {},
        { 'x-csrf-token': 'wrong' },
        { 'x-csrf-token': `${csrfToken}x` },
      ];
      for (const headers of forgeries) {
        const refused = await post(headers);
        expect(refused.status).toBe(403);
        expect(await refused.json()).toMatchObject({ code: 'csrf' });
      }
      // Another session's token is no good either.
      const other = (await (await login('admin@x.example', PASSWORD)).json()) as {
        csrfToken: string;
      };
      expect((await post({ 'x-csrf-token': other.csrfToken })).status).toBe(403);
      expect((await post({ 'x-csrf-token': csrfToken })).status).toBe(201);

      const bearer = await t.request('/api/tokens', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(bearer.status).toBe(201);
    });

    it('a malformed Authorization header is a 401, not a fallback to the cookie', async () => {
      const cookie = sessionCookie(await login('admin@x.example', PASSWORD));
      const res = await withCookie('/api/tokens', cookie, {
        headers: { authorization: 'Basic abc' },
      });
      expect(res.status).toBe(401);
    });
  });

  describe('failures look alike', () => {
    it('unknown user, wrong password and disabled user get the same answer', async () => {
      const answers = [];
      for (const [email, password] of [
        ['nobody@x.example', PASSWORD],
        ['agent@x.example', 'wrong password'],
        ['gone@x.example', PASSWORD],
      ] as const) {
        const res = await login(email, password, { address: '192.0.2.1' });
        const { requestId, ...body } = (await res.json()) as Record<string, unknown>;
        // each answer names its own request (the key to its log line), nothing else differs
        expect(requestId).toBe(res.headers.get('x-request-id'));
        answers.push({ status: res.status, body, cookie: res.headers.get('set-cookie') });
      }
      expect(answers[0]).toEqual({
        status: 401,
        body: { code: 'invalid_credentials', message: 'Wrong email or password' },
        cookie: null,
      });
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
    });

    it('a cross-site form cannot sign a browser in (login CSRF): the body must be JSON', async () => {
      for (const contentType of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
      ]) {
        const res = await t.app.request('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': contentType },
          body: JSON.stringify({ email: 'admin@x.example', password: PASSWORD }),
        });
        expect(res.status, contentType).toBe(400);
        expect(res.headers.get('set-cookie'), contentType).toBeNull();
      }
    });

    it('sign-in and /me answers are not cached', async () => {
      const res = await login('admin@x.example', PASSWORD);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const me = await withCookie('/api/auth/me', sessionCookie(res));
      expect(me.headers.get('cache-control')).toBe('no-store');
    });

    it('a malformed body is a 400 in the error shape, with no stack trace', async () => {
      const res = await t.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"email":',
      });
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(JSON.parse(text)).toMatchObject({
        code: expect.any(String),
        message: expect.any(String),
      });
      expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
      const missing = await login('', '');
      expect(missing.status).toBe(400);
      expect(await missing.json()).toMatchObject({ code: 'invalid_request' });
    });
  });

  describe('secure headers', () => {
    it('are on every answer, errors included', async () => {
      for (const res of [
        await t.app.request('/api/health'),
        await t.app.request('/api/auth/me'),
        await login('nobody@x.example', 'x'),
      ]) {
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
        expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
      }
    });
  });
});
