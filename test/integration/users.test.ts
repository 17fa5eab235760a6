import { createHash } from 'node:crypto';
import { queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { userCommand } from '../../scripts/src/commands/user';
import { createTestContext, type TestContext } from '../src/app';
import { rowBuilders } from '../src/builders';
import { captureOutput } from '../src/capture';
import { databaseTargets } from '../src/databases';

const PASSWORD = 'correct horse battery';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

interface User {
  id: number;
  email: string;
  role: string;
  employee: { id: string; name: string } | null;
  disabled: boolean;
  createdAt: string;
  activeSessions: number;
  failedSignIns: number;
}

interface AuditRow {
  actor: string;
  action: string;
  entity: string;
  before: unknown;
  after: unknown;
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** Runs the CLI command with DELIGHT_PASSWORD set (or not), capturing what it writes. */
async function runCli(args: string[], t: TestContext, password?: string) {
  vi.stubEnv('DELIGHT_PASSWORD', password ?? '');
  try {
    return await captureOutput(() => userCommand(args, t.db.database));
  } finally {
    vi.unstubAllEnvs();
  }
}

describe.each(databaseTargets())('user management on %s', (target) => {
  let t: TestContext;

  const login = (email: string, password: string) =>
    t.app.request('/api/auth/login', json('POST', { email, password }));

  /** Signs in and returns the cookie value and CSRF token of the new session. */
  async function signIn(email: string, password = PASSWORD) {
    const res = await login(email, password);
    expect(res.status, `sign-in of ${email}`).toBe(200);
    const cookie = /dl_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
    if (!cookie) throw new Error('no session cookie');
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { cookie, csrfToken };
  }

  /** A request with a session cookie (and its CSRF token on writes). */
  const asSession = (
    path: string,
    s: { cookie: string; csrfToken: string },
    init: RequestInit = {},
  ) => {
    const headers = new Headers(init.headers);
    headers.set('cookie', `dl_session=${s.cookie}`);
    if (init.method && init.method !== 'GET') headers.set('x-csrf-token', s.csrfToken);
    return t.app.request(path, { ...init, headers });
  };

  const create = async (body: Record<string, unknown>) => {
    const res = await t.request('/api/users', json('POST', { password: PASSWORD, ...body }));
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as User;
  };

  const patch = (id: number, body: unknown) => t.request(`/api/users/${id}`, json('PATCH', body));

  const list = async () =>
    ((await (await t.request('/api/users')).json()) as { users: User[] }).users;

  const sessionCount = async (userId: number) =>
    (
      await queryRows<{ n: number }>(
        t.db.database.db,
        sql`select count(*)::int as n from sessions where user_id = ${userId}`,
      )
    )[0]!.n;

  const audit = async (entity: string) =>
    (
      (await (await t.request(`/api/audit?entity=${encodeURIComponent(entity)}`)).json()) as {
        entries: AuditRow[];
      }
    ).entries;

  beforeAll(async () => {
    t = await createTestContext(target);
    const b = rowBuilders(t.db.database.db);
    const manager = await b.employee('E1', 'segment_manager');
    const segment = await b.segment('S1', manager);
    await b.employee('E2', 'agent', segment);
  });
  afterAll(() => t.db.drop());

  it('an admin creates users and lists them, never with a password or hash', async () => {
    const hr = await create({ email: ' HR.Person@X.example ', role: 'hr' });
    expect(hr).toEqual({
      id: hr.id,
      email: 'hr.person@x.example',
      role: 'hr',
      employee: null,
      disabled: false,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      activeSessions: 0,
      failedSignIns: 0,
    });
    const agent = await create({ email: 'agent@x.example', role: 'agent', employee: 'E2' });
    expect(agent.employee).toEqual({ id: 'E2', name: 'Name E2' });

    await signIn('agent@x.example');
    const users = await list();
    expect(users.find((u) => u.id === hr.id)).toEqual(hr);
    expect(users.find((u) => u.id === agent.id)).toEqual({ ...agent, activeSessions: 1 });
    const text = JSON.stringify(users);
    expect(text).not.toContain('scrypt');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toMatch(/password/i);
  });

  it('refuses bad input with clear messages: 400, 404 unknown employee, 409 duplicate', async () => {
    const refused = async (body: unknown, status: number, message: RegExp) => {
      const res = await t.request('/api/users', json('POST', body));
      const answer = (await res.json()) as { code: string; message: string };
      expect(res.status, JSON.stringify(answer)).toBe(status);
      expect(answer.message).toMatch(message);
    };
    const ok = { email: 'new@x.example', password: PASSWORD, role: 'hr' };
    await refused({ ...ok, email: 'not-an-email' }, 400, /Not an email address/);
    await refused({ ...ok, password: 'short' }, 400, /at least 8 characters/);
    await refused({ ...ok, role: 'root' }, 400, /role/);
    await refused({ ...ok, role: 'agent' }, 400, /agent needs an employee/);
    await refused({ ...ok, role: 'segment_manager' }, 400, /segment_manager needs an employee/);
    await refused({ ...ok, role: 'agent', employee: 'E404' }, 404, /Employee E404/);
    await refused({ ...ok, email: 'HR.PERSON@x.example' }, 409, /already exists/);
    // Nothing of the refused ones was stored.
    expect((await list()).map((u) => u.email)).not.toContain('new@x.example');

    const [hr] = (await list()).filter((u) => u.email === 'hr.person@x.example');
    expect((await patch(hr!.id, {})).status).toBe(400);
    expect((await patch(hr!.id, { disable: true })).status).toBe(400);
    expect((await patch(hr!.id, { password: 'short' })).status).toBe(400);
    expect((await patch(hr!.id, { role: 'agent' })).status).toBe(400); // no employee
    expect((await patch(999999, { disabled: true })).status).toBe(404);
    expect((await list()).find((u) => u.id === hr!.id)).toMatchObject({
      role: 'hr',
      disabled: false,
    });
  });

  it('401 without credentials, 403 for every other role (token or session)', async () => {
    const victim = await create({ email: 'victim@x.example', role: 'executive' });
    const calls: [string, RequestInit][] = [
      ['/api/users', {}],
      ['/api/users', json('POST', { email: 'x@x.example', password: PASSWORD, role: 'admin' })],
      [`/api/users/${victim.id}`, json('PATCH', { role: 'admin' })],
    ];
    for (const [path, init] of calls) {
      expect((await t.request(path, { ...init, token: '' })).status).toBe(401);
    }
    const others = [
      await t.tokenFor('executive'),
      await t.tokenFor('hr'),
      await t.tokenFor('segment_manager', 'E1'),
      await t.tokenFor('agent', 'E2'),
    ];
    for (const token of others) {
      for (const [path, init] of calls) {
        const res = await t.request(path, { ...init, token });
        expect(res.status, `${init.method ?? 'GET'} ${path}`).toBe(403);
        expect(((await res.json()) as { code: string }).code).toBe('forbidden');
      }
    }
    const agent = await signIn('agent@x.example');
    for (const [path, init] of calls) {
      expect((await asSession(path, agent, init)).status).toBe(403);
    }
    // Even invalid input from a non-admin is a 403, not a validation answer.
    const bad = await t.request('/api/users', { ...json('POST', {}), token: others[0]! });
    expect(bad.status).toBe(403);
    expect((await list()).find((u) => u.id === victim.id)).toMatchObject({
      role: 'executive',
    });
    expect((await list()).map((u) => u.email)).not.toContain('x@x.example');
  });

  it('disabling ends the user’s sessions at once and refuses sign-in; enabling lets them back', async () => {
    const user = await create({
      email: 'leaver@x.example',
      role: 'segment_manager',
      employee: 'E1',
    });
    const s1 = await signIn('leaver@x.example');
    const s2 = await signIn('leaver@x.example');
    expect((await asSession('/api/auth/me', s1)).status).toBe(200);

    const res = await patch(user.id, { disabled: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ...user,
      disabled: true,
      activeSessions: 0,
      sessionsEnded: 2,
    });
    expect(await sessionCount(user.id)).toBe(0);
    for (const s of [s1, s2]) {
      expect((await asSession('/api/auth/me', s)).status).toBe(401);
    }
    const refused = await login('leaver@x.example', PASSWORD);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { code: string }).code).toBe('invalid_credentials');

    const enabled = await patch(user.id, { disabled: false });
    expect(await enabled.json()).toMatchObject({ disabled: false, sessionsEnded: 0 });
    const back = await signIn('leaver@x.example');
    expect((await asSession('/api/auth/me', back)).status).toBe(200);
  });

  it('a new password or role ends the sessions; the new ones apply at the next sign-in', async () => {
    const user = await create({ email: 'mover@x.example', role: 'hr' });
    const s = await signIn('mover@x.example');

    const pw = await patch(user.id, { password: 'a brand new password' });
    expect(await pw.json()).toMatchObject({ sessionsEnded: 1 });
    expect((await asSession('/api/auth/me', s)).status).toBe(401);
    expect((await login('mover@x.example', PASSWORD)).status).toBe(401);
    const s2 = await signIn('mover@x.example', 'a brand new password');

    const promoted = await patch(user.id, { role: 'agent', employee: 'E2' });
    expect(await promoted.json()).toMatchObject({
      role: 'agent',
      employee: { id: 'E2', name: 'Name E2' },
      sessionsEnded: 1,
    });
    expect((await asSession('/api/auth/me', s2)).status).toBe(401);
    const s3 = await signIn('mover@x.example', 'a brand new password');
    const me = (await (await asSession('/api/auth/me', s3)).json()) as {
      user: { role: string; employee: string };
    };
    expect(me.user).toMatchObject({ role: 'agent', employee: 'E2' });

    // Unlinking the employee of an agent is refused; back to hr without one is fine.
    expect((await patch(user.id, { employee: null })).status).toBe(400);
    const back = await patch(user.id, { role: 'hr', employee: null });
    expect(await back.json()).toMatchObject({ role: 'hr', employee: null, sessionsEnded: 1 });

    // Re-enabling an enabled user changes nothing and ends no session.
    const s4 = await signIn('mover@x.example', 'a brand new password');
    expect(await (await patch(user.id, { disabled: false })).json()).toMatchObject({
      sessionsEnded: 0,
    });
    expect((await asSession('/api/auth/me', s4)).status).toBe(200);
  });

  it('an admin cannot disable or demote themself, and the last enabled admin stays', async () => {
    const first = await create({ email: 'admin1@x.example', role: 'admin' });
    // With a token (not a user), the only admin user cannot be disabled or demoted.
    for (const body of [{ disabled: true }, { role: 'executive' }]) {
      const res = await patch(first.id, body);
      expect(res.status).toBe(409);
      expect(((await res.json()) as { message: string }).message).toMatch(/last enabled admin/);
    }
    const second = await create({ email: 'admin2@x.example', role: 'admin' });
    const a1 = await signIn('admin1@x.example');
    for (const body of [{ disabled: true }, { role: 'hr' }]) {
      const res = await asSession(`/api/users/${first.id}`, a1, json('PATCH', body));
      expect(res.status).toBe(409);
      expect(((await res.json()) as { message: string }).message).toMatch(/yourself/);
    }
    // Another admin may be demoted; then admin1 is the last one again.
    const demoted = await asSession(`/api/users/${second.id}`, a1, json('PATCH', { role: 'hr' }));
    expect(demoted.status).toBe(200);
    expect((await patch(first.id, { disabled: true })).status).toBe(409);
    const admins = (await list()).filter((u) => u.role === 'admin' && !u.disabled);
    expect(admins.map((u) => u.email)).toEqual(['admin1@x.example']);
    // admin1's own session still works: a refused change ends nothing.
    expect((await asSession('/api/users', a1)).status).toBe(200);
  });

  it('two admins demoting each other at the same time leave exactly one admin', async () => {
    const third = await create({ email: 'admin3@x.example', role: 'admin' });
    const first = (await list()).find((u) => u.email === 'admin1@x.example')!;
    const [a1, a3] = [await signIn('admin1@x.example'), await signIn('admin3@x.example')];
    const answers = await Promise.all([
      asSession(`/api/users/${third.id}`, a1, json('PATCH', { role: 'executive' })),
      asSession(`/api/users/${first.id}`, a3, json('PATCH', { role: 'executive' })),
    ]);
    // One wins. The loser is refused as the last admin (409) or, when the winner's
    // commit ended its session before its request was authenticated, signed out (401).
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect([401, 409]).toContain(statuses[1]);
    const admins = (await list()).filter((u) => u.role === 'admin' && !u.disabled);
    expect(admins).toHaveLength(1);
    // Put admin1 back as the one admin, for the tests below.
    if (admins[0]!.id !== first.id) {
      expect((await patch(first.id, { role: 'admin' })).status).toBe(200);
      expect((await patch(third.id, { role: 'executive' })).status).toBe(200);
    }
  });

  it('every change is in the audit log with before and after, without password hashes', async () => {
    const user = await create({ email: 'audited@x.example', role: 'executive' });
    await patch(user.id, { role: 'agent', employee: 'E2' });
    await patch(user.id, { password: 'another password' });
    await patch(user.id, { disabled: true });
    const entries = await audit('user:audited@x.example');
    const view = { email: 'audited@x.example', disabled: false };
    // Newest first.
    expect(
      entries.map(({ actor, action, before, after }) => ({ actor, action, before, after })),
    ).toEqual([
      {
        actor: 'token:admin',
        action: 'user.update',
        before: { ...view, role: 'agent', employee: 'E2' },
        after: { ...view, role: 'agent', employee: 'E2', disabled: true },
      },
      {
        actor: 'token:admin',
        action: 'user.update',
        before: { ...view, role: 'agent', employee: 'E2' },
        after: { ...view, role: 'agent', employee: 'E2', passwordChanged: true },
      },
      {
        actor: 'token:admin',
        action: 'user.update',
        before: { ...view, role: 'executive', employee: null },
        after: { ...view, role: 'agent', employee: 'E2' },
      },
      {
        actor: 'token:admin',
        action: 'user.create',
        before: null,
        after: { ...view, role: 'executive', employee: null },
      },
    ]);
    const all = await queryRows<{ text: string }>(
      t.db.database.db,
      sql`select coalesce(before::text, '') || after::text as text from audit_log
           where action like 'user.%'`,
    );
    expect(all.length).toBeGreaterThan(4);
    for (const { text } of all) expect(text).not.toMatch(/scrypt|password_hash|passwordHash/);
    // A session admin is named by their email.
    const a1 = await signIn('admin1@x.example');
    await asSession(`/api/users/${user.id}`, a1, json('PATCH', { disabled: false }));
    expect((await audit('user:audited@x.example'))[0]!.actor).toBe('user:admin1@x.example');
  });

  it('sign-in clears the expired sessions of every user', async () => {
    const other = await create({ email: 'stale@x.example', role: 'hr' });
    const stale = await signIn('stale@x.example');
    const live = await signIn('stale@x.example');
    await t.db.database.db.execute(
      sql`update sessions set expires_at = now() - interval '1 second'
           where token_hash = ${sha256(stale.cookie)}`,
    );
    expect(await sessionCount(other.id)).toBe(2);
    await signIn('agent@x.example');
    expect(await sessionCount(other.id)).toBe(1);
    expect((await asSession('/api/auth/me', live)).status).toBe(200);
  });

  it('CLI: create, then sign-in through the API works; disable and enable; list', async () => {
    const made = await runCli(
      ['create', '--email', 'Cli@X.example', '--role', 'agent', '--employee', 'E2'],
      t,
      'cli password 1',
    );
    expect(made, made.stderr).toMatchObject({ code: 0 });
    expect(made.stdout).toMatch(/^Created user \d+ cli@x\.example \(role agent, employee E2\)\n$/);
    const s = await signIn('cli@x.example', 'cli password 1');
    const me = (await (await asSession('/api/auth/me', s)).json()) as {
      user: { email: string; role: string; employee: string };
    };
    expect(me.user).toMatchObject({ email: 'cli@x.example', role: 'agent', employee: 'E2' });

    const id = (await list()).find((u) => u.email === 'cli@x.example')!.id;
    const listed = await runCli(['list'], t);
    expect(listed.code).toBe(0);
    const line = listed.stdout.split('\n').find((l) => l.includes('cli@x.example'))!;
    expect(line.split(/\s{2,}/)).toEqual([
      String(id),
      'cli@x.example',
      'agent',
      'E2 Name E2',
      'active',
      expect.stringMatching(/Z$/),
      '1',
      '0',
    ]);

    const disabled = await runCli(['disable', String(id)], t);
    expect(disabled).toMatchObject({ code: 0 });
    expect(disabled.stdout).toBe(`Disabled user ${id} cli@x.example; ended 1 session(s)\n`);
    expect((await asSession('/api/auth/me', s)).status).toBe(401);
    expect((await login('cli@x.example', 'cli password 1')).status).toBe(401);
    expect((await runCli(['enable', String(id)], t)).code).toBe(0);
    await signIn('cli@x.example', 'cli password 1');

    const entries = await audit('user:cli@x.example');
    expect(entries.map((e) => [e.actor, e.action])).toEqual([
      ['cli', 'user.update'],
      ['cli', 'user.update'],
      ['cli', 'user.create'],
    ]);
  });

  it('CLI: no password source, a duplicate and bad arguments fail without a user', async () => {
    // stdin is not a terminal under vitest, so without DELIGHT_PASSWORD there is no password.
    const noPw = await runCli(['create', '--email', 'nopw@x.example', '--role', 'hr'], t);
    expect(noPw.code).toBe(1);
    expect(noPw.stderr).toMatch(/DELIGHT_PASSWORD/);
    const dup = await runCli(
      ['create', '--email', 'cli@x.example', '--role', 'hr'],
      t,
      'cli password 2',
    );
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/already exists/);
    // The password is never a flag.
    expect((await runCli(['create', '--email', 'f@x.example', '--password', 'x'], t)).code).toBe(1);
    expect((await runCli(['disable', 'abc'], t)).code).toBe(2);
    expect((await runCli(['disable', '999999'], t)).code).toBe(1);
    expect((await runCli(['frobnicate'], t)).code).toBe(2);
    const emails = (await list()).map((u) => u.email);
    expect(emails).not.toContain('nopw@x.example');
    expect(emails).not.toContain('f@x.example');
  });
});
