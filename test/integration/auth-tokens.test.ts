import { createHash } from 'node:crypto';
import { employees, queryRows, segments } from '@delight/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenCommand } from '../../scripts/src/commands/token';
import { createTestContext, type TestContext } from '../src/app';
import { captureOutput } from '../src/capture';
import { databaseTargets } from '../src/databases';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

interface TokenInfo {
  id: number;
  name: string;
  prefix: string;
  role: string;
  employee: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Runs the CLI command, capturing what it writes. */
const runCli = (args: string[], t: TestContext) =>
  captureOutput(() => tokenCommand(args, t.db.database));

describe.each(databaseTargets())('API tokens on %s', (target) => {
  let t: TestContext;
  const json = (body: unknown) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  beforeAll(async () => {
    t = await createTestContext(target);
    const db = t.db.database.db;
    const [m] = await db
      .insert(employees)
      .values({
        externalId: 'E1',
        name: 'Manager',
        email: 'e1@x.example',
        role: 'segment_manager',
        bonusTarget: '1000.00',
        currency: 'EUR',
        hiredOn: '2020-01-01',
      })
      .returning();
    await db.insert(segments).values({ externalId: 'S1', name: 'Retail', managerId: m!.id });
  });
  afterAll(() => t.db.drop());

  it('an admin creates a token that is shown once, stored only as its hash, and works', async () => {
    const res = await t.request(
      '/api/tokens',
      json({ role: 'segment_manager', employee: 'E1', name: 'crm' }),
    );
    expect(res.status).toBe(201);
    const created = (await res.json()) as {
      id: number;
      token: string;
      name: string;
      role: string;
      employee: string;
    };
    expect(created).toMatchObject({ name: 'crm', role: 'segment_manager', employee: 'E1' });
    expect(created.token).toMatch(/^dl_[\w-]{32}$/);

    const stored = await queryRows<{ token_hash: string; prefix: string }>(
      t.db.database.db,
      sql`select token_hash, prefix from api_tokens where id = ${created.id}`,
    );
    expect(stored).toEqual([
      { token_hash: sha256(created.token), prefix: created.token.slice(0, 8) },
    ]);

    const me = await t.request('/api/auth/me', { token: created.token });
    expect(await me.json()).toEqual({
      user: {
        email: null,
        role: 'segment_manager',
        employee: 'E1',
        name: 'token:crm',
        locale: null,
      },
      csrfToken: null,
    });

    const list = (await (await t.request('/api/tokens')).json()) as { tokens: TokenInfo[] };
    const row = list.tokens.find((x) => x.id === created.id)!;
    expect(row).toMatchObject({
      name: 'crm',
      prefix: created.token.slice(0, 8),
      role: 'segment_manager',
      employee: 'E1',
      revokedAt: null,
    });
    expect(row.lastUsedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // The list never carries the token or its hash.
    const text = JSON.stringify(list);
    expect(text).not.toContain(created.token);
    expect(text).not.toContain(sha256(created.token));
  });

  it('revoking a token makes it a 401 at once; revoking twice is a 404', async () => {
    const created = (await (
      await t.request('/api/tokens', json({ role: 'executive' }))
    ).json()) as {
      id: number;
      token: string;
    };
    expect((await t.request('/api/auth/me', { token: created.token })).status).toBe(200);
    const del = await t.request(`/api/tokens/${created.id}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    const after = await t.request('/api/auth/me', { token: created.token });
    expect(after.status).toBe(401);
    expect((await t.request(`/api/tokens/${created.id}`, { method: 'DELETE' })).status).toBe(404);
    const list = (await (await t.request('/api/tokens')).json()) as { tokens: TokenInfo[] };
    expect(list.tokens.find((x) => x.id === created.id)!.revokedAt).toMatch(/Z$/);
  });

  it('roles tied to an employee need one; unknown employee and role are refused', async () => {
    expect((await t.request('/api/tokens', json({ role: 'agent' }))).status).toBe(400);
    expect((await t.request('/api/tokens', json({ role: 'segment_manager' }))).status).toBe(400);
    expect((await t.request('/api/tokens', json({ role: 'agent', employee: 'E404' }))).status).toBe(
      404,
    );
    expect((await t.request('/api/tokens', json({ role: 'root' }))).status).toBe(400);
  });

  it('only an admin lists, creates and revokes tokens', async () => {
    const victim = (await (await t.request('/api/tokens', json({ role: 'hr' }))).json()) as {
      id: number;
    };
    for (const [role, employee] of [['executive'], ['hr'], ['segment_manager', 'E1']] as const) {
      const token = await t.tokenFor(role, employee);
      expect((await t.request('/api/tokens', { token })).status).toBe(403);
      expect((await t.request('/api/tokens', { ...json({ role: 'admin' }), token })).status).toBe(
        403,
      );
      expect(
        (await t.request(`/api/tokens/${victim.id}`, { method: 'DELETE', token })).status,
      ).toBe(403);
    }
    expect((await t.app.request('/api/tokens')).status).toBe(401);
  });

  describe('CLI: delight token', () => {
    it('create prints the token alone on stdout, and it works', async () => {
      const run = await runCli(
        ['create', '--role', 'segment_manager', '--employee', 'E1', '--name', 'etl'],
        t,
      );
      expect(run.code).toBe(0);
      const token = run.stdout.trim();
      expect(token).toMatch(/^dl_[\w-]{32}$/);
      expect(run.stderr).toMatch(/shown only this once/);
      const me = await t.request('/api/auth/me', { token });
      expect(await me.json()).toMatchObject({
        user: { role: 'segment_manager', employee: 'E1', name: 'token:etl' },
      });
    });

    it('list shows prefixes, never tokens; revoke ends a token', async () => {
      const token = (
        await runCli(['create', '--role', 'executive', '--name', 'board'], t)
      ).stdout.trim();
      const list = await runCli(['list'], t);
      expect(list.code).toBe(0);
      const line = list.stdout.split('\n').find((l) => l.includes('board'))!;
      expect(line).toContain(`${token.slice(0, 8)}…`);
      expect(line).toMatch(/active$/);
      expect(list.stdout).not.toContain(token);
      const id = line.split(/\s+/)[0]!;

      const revoke = await runCli(['revoke', id], t);
      expect(revoke).toMatchObject({ code: 0, stdout: `Revoked API token ${id}\n` });
      expect((await t.request('/api/auth/me', { token })).status).toBe(401);
      expect(
        (await runCli(['list'], t)).stdout.split('\n').find((l) => l.includes('board')),
      ).toMatch(/revoked \S+Z$/);
      expect((await runCli(['revoke', id], t)).code).toBe(1);
    });

    it('refuses bad arguments with a usage message and exit code 2', async () => {
      for (const args of [
        [],
        ['create'],
        ['create', '--role', 'root'],
        ['revoke'],
        ['revoke', 'x'],
        ['frobnicate'],
        ['create', '--bogus'],
      ]) {
        const run = await runCli(args, t);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/usage: delight token/);
        expect(run.stdout).toBe('');
      }
      const noEmployee = await runCli(['create', '--role', 'agent'], t);
      expect(noEmployee.code).toBe(1);
      expect(noEmployee.stderr).toMatch(/needs an employee/);
    });
  });
});
