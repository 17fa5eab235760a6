import { createApiToken, createUser } from '@delight/api/auth';
import { queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenCommand } from '../../scripts/src/commands/token';
import { createTestContext, type TestContext } from '../src/app';
import { captureOutput } from '../src/capture';
import { databaseTargets } from '../src/databases';
import { importGolden } from '../src/golden';
import { rollupVsDirect } from '../src/rollup';

/**
 * Issue 11.8: incremental ingest for machine clients — JSON batches with the import's
 * validation and error shape (line = index in the batch), Idempotency-Key, ingest-only
 * tokens, token expiry, and tokens of disabled users stopping.
 */
const response = (id: string, over: Record<string, unknown> = {}) => ({
  external_id: id,
  customer: 'C0001',
  employee: 'E006',
  kind: 'nps',
  score: 9,
  responded_at: '2026-05-02T10:00:00Z',
  comment: 'via ingest',
  ...over,
});

describe.each(databaseTargets())('ingest on %s', (target) => {
  let t: TestContext;
  let ingestToken: string;
  beforeAll(async () => {
    t = await createTestContext(target);
    await importGolden(t.db.database);
    const res = await t.sendJson('POST', '/api/tokens', {
      kind: 'ingest',
      name: 'crm',
      expires_at: '2999-01-01',
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { token: string; kind: string; expiresAt: string };
    expect(created).toMatchObject({ kind: 'ingest', expiresAt: '2999-01-01T00:00:00.000Z' });
    ingestToken = created.token;
  });
  afterAll(() => t.db.drop());

  const ingest = (kind: string, body: unknown, init: { token?: string; key?: string } = {}) =>
    t.request(`/api/ingest/${kind}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(init.key ? { 'idempotency-key': init.key } : {}),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      token: init.token ?? ingestToken,
    });
  const count = async (table: string, where = sql`true`) =>
    (
      await queryRows<{ n: number }>(
        t.db.database.db,
        sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`,
      )
    )[0]!.n;

  it('writes a batch of responses, complaints, recovery actions and contacts', async () => {
    const r = await ingest('responses', {
      rows: [response('IR1'), response('IR2', { kind: 'csat', score: '4', employee: null })],
    });
    expect(r.status, await r.clone().text()).toBe(200);
    expect(await r.json()).toEqual({
      ingested: 2,
      changes: { inserted: 2, updated: 0, unchanged: 0 },
    });
    const k = await ingest('complaints', {
      rows: [
        {
          external_id: 'IK1',
          customer: 'C0001',
          employee: 'E006',
          opened_at: '2026-05-02T10:00:00Z',
          validity: 'valid',
          severity: 'high',
        },
      ],
    });
    expect(k.status).toBe(200);
    const a = await ingest('recovery-actions', {
      rows: [
        {
          external_id: 'IA1',
          complaint: 'IK1',
          kind: 'gift',
          cost: '12.50',
          currency: 'EUR',
          performed_at: '2026-05-03T10:00:00Z',
          employee: 'E006',
        },
      ],
    });
    expect(a.status).toBe(200);
    const c = await ingest('contacts', {
      rows: [
        {
          external_id: 'IT1',
          complaint: 'IK1',
          employee: 'E006',
          contacted_at: '2026-05-03T11:00:00Z',
          channel: 'call',
          outcome: 'resolved',
        },
        {
          external_id: 'IT2',
          response: 'IR1',
          employee: 'E006',
          contacted_at: '2026-05-03T12:00:00Z',
          channel: 'email',
          outcome: 'reached',
          note: 'thanks',
        },
      ],
    });
    expect(c.status, await c.clone().text()).toBe(200);
    expect(await count('responses', sql`external_id in ('IR1', 'IR2')`)).toBe(2);
    expect(await count('contacts')).toBe(2);
    const [stored] = await queryRows(
      t.db.database.db,
      sql`select cost::text, currency from recovery_actions where external_id = 'IA1'`,
    );
    expect(stored).toEqual({ cost: '12.50', currency: 'EUR' });
    const { direct, stored: rollup } = await rollupVsDirect(t.db.database);
    expect(rollup).toEqual(direct);
  });

  it('refuses a bad batch whole, each problem with its index as the line', async () => {
    const before = await count('responses');
    const res = await ingest('responses', {
      rows: [
        response('IB0'),
        response('IB1', { kind: 'nope' }),
        response('IB2', { customer: 'C9999', responded_at: '0000-01-01T00:00:00Z' }),
        'x',
        response('IB4', { extra: 1 }),
      ],
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as {
      code: string;
      errors: { file: string; line: number; column: string | null }[];
      total_errors: number;
    };
    expect(body.code).toBe('import_rejected');
    expect(body.errors.map((e) => `${e.file}:${e.line}:${e.column}`)).toEqual([
      'responses:1:kind',
      'responses:2:customer',
      'responses:2:responded_at',
      'responses:3:null',
      'responses:4:extra',
    ]);
    expect(await count('responses')).toBe(before);
  });

  it('answers a repeated Idempotency-Key with the first answer and writes nothing; another body is 422', async () => {
    const body = { rows: [response('IR3')] };
    const first = await ingest('responses', body, { key: 'batch-1' });
    expect(first.status).toBe(200);
    const firstBody = await first.json();
    expect(firstBody).toEqual({ ingested: 1, changes: { inserted: 1, updated: 0, unchanged: 0 } });
    // the row changes meanwhile through another batch
    const edit = await ingest(
      'responses',
      { rows: [response('IR3', { score: 2 })] },
      { key: 'batch-2' },
    );
    expect(edit.status).toBe(200);
    const again = await ingest('responses', body, { key: 'batch-1' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(firstBody);
    const [row] = await queryRows<{ score: number }>(
      t.db.database.db,
      sql`select score from responses where external_id = 'IR3'`,
    );
    expect(row!.score).toBe(2); // the replay wrote nothing
    const other = await ingest('responses', { rows: [response('IR4')] }, { key: 'batch-1' });
    expect(other.status).toBe(422);
    expect(((await other.json()) as { code: string }).code).toBe('idempotency_key_reused');
    expect(await count('responses', sql`external_id = 'IR4'`)).toBe(0);
    // keys belong to their caller: the same key from an admin token is a new request
    const admin = await ingest(
      'responses',
      { rows: [response('IR4')] },
      { key: 'batch-1', token: t.adminToken },
    );
    expect(admin.status).toBe(200);
  });

  it('refuses a batch over 10,000 rows (413) and an unknown kind (404)', async () => {
    const rows = Array.from({ length: 10_001 }, (_, i) => response(`IX${i}`));
    expect((await ingest('responses', { rows })).status).toBe(413);
    expect((await ingest('surveys', { rows: [response('IY')] })).status).toBe(404);
    expect((await ingest('responses', '{"rows": [')).status).toBe(400);
  });

  it('an ingest token reads nothing and writes nothing else', async () => {
    const paths = t.app.routes
      .filter(
        (r) =>
          r.method !== 'ALL' &&
          r.path.startsWith('/api/') &&
          !r.path.startsWith('/api/ingest') &&
          !r.path.startsWith('/api/auth') &&
          r.path !== '/api/health',
      )
      .map((r) => ({ method: r.method, path: r.path.replace(/:\w+/g, '1') }));
    expect(paths.length).toBeGreaterThan(20);
    let checked = 0;
    for (const { method, path } of paths) {
      const init =
        method === 'GET' ? {} : { headers: { 'content-type': 'application/json' }, body: '{}' };
      // public routes (health, readiness) answer anyone: not a question for the token
      if ((await t.request(path, { method, ...init, token: '' })).status !== 401) continue;
      const res = await t.request(path, { method, ...init, token: ingestToken });
      expect(res.status, `${method} ${path}`).toBe(403);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
    const hr = await t.tokenFor('hr');
    expect((await ingest('responses', { rows: [response('IZ')] }, { token: hr })).status).toBe(403);
  });

  it('an expired token and a token of a disabled user stop working', async () => {
    const created = await createApiToken(t.db.database.db, {
      kind: 'ingest',
      expiresAt: '2999-01-01',
    });
    await t.db.database.db.execute(
      sql`update api_tokens set expires_at = now() - interval '1 second' where id = ${created.id}`,
    );
    expect(
      (await ingest('responses', { rows: [response('IE1')] }, { token: created.token })).status,
    ).toBe(401);

    // a second admin, so disabling the first is allowed (never zero admins)
    await createUser(t.db.database.db, {
      email: 'boss@x.example',
      password: 'a long password 2',
      role: 'admin',
    });
    const user = await createUser(t.db.database.db, {
      email: 'ops@x.example',
      password: 'a long password 1',
      role: 'admin',
    });
    const session = {
      kind: 'session' as const,
      id: user.id,
      label: 'user:ops@x.example',
      role: 'admin' as const,
      employeeId: null,
      employeeExternalId: null,
    };
    const byUser = await createApiToken(t.db.database.db, { role: 'admin' }, session);
    const viaToken = await createApiToken(
      t.db.database.db,
      { kind: 'ingest' },
      { ...session, kind: 'token', id: byUser.id },
    );
    expect(
      (await t.request('/api/kpis?period=2026-Q1&scope=company', { token: byUser.token })).status,
    ).toBe(200);
    expect(
      (await ingest('responses', { rows: [response('IE2')] }, { token: viaToken.token })).status,
    ).toBe(200);
    const off = await t.sendJson('PATCH', `/api/users/${user.id}`, { disabled: true });
    expect(off.status).toBe(200);
    expect(
      (await t.request('/api/kpis?period=2026-Q1&scope=company', { token: byUser.token })).status,
    ).toBe(401);
    expect(
      (await ingest('responses', { rows: [response('IE3')] }, { token: viaToken.token })).status,
    ).toBe(401);
  });

  it('the CLI creates ingest tokens with an expiry and lists them', async () => {
    const made = await captureOutput(() =>
      tokenCommand(
        ['create', '--kind', 'ingest', '--name', 'etl', '--expires', '2998-06-01'],
        t.db.database,
      ),
    );
    expect(made.code).toBe(0);
    const token = made.stdout.trim();
    expect((await ingest('responses', { rows: [response('IC1')] }, { token })).status).toBe(200);
    const list = await captureOutput(() => tokenCommand(['list'], t.db.database));
    expect(list.stdout).toMatch(/ingest\s+-\s+etl .*expires 2998-06-01T00:00:00Z/);
  });
});
