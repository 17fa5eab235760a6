import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApp } from '@delight/api';
import { queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { createTestDatabase, databaseTargets } from '../src/databases';

const MIGRATIONS = fileURLToPath(new URL('../../db/migrations', import.meta.url));

describe.each(databaseTargets())('health on %s', (target) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(target);
  });
  afterAll(() => t.db.drop());

  it('answers without credentials and names the database kind', async () => {
    const res = await t.app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: target });
  });

  it('ready: the database answers and every migration is applied', async () => {
    const res = await t.app.request('/api/ready');
    expect(res.status).toBe(200);
    const known = readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql')).length;
    expect(await res.json()).toEqual({
      status: 'ready',
      db: target,
      migrations: { known, pending: 0 },
    });
  });

  it('not ready (503, Retry-After) while a migration of this code is not applied', async () => {
    const db = t.db.database.db;
    const [last] = await queryRows<{ id: number; hash: string; created_at: string }>(
      db,
      sql`select id, hash, created_at::text from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    );
    await db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${last!.id}`);
    try {
      const res = await t.app.request('/api/ready');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      const body = (await res.json()) as { code: string; message: string; details: unknown };
      expect(body.code).toBe('not_ready');
      expect(body.message).toMatch(/^1 of \d+ database migrations are not applied yet$/);
      // health is about the database answering, not about the schema
      expect((await t.app.request('/api/health')).status).toBe(200);
    } finally {
      await db.execute(
        sql`insert into drizzle.__drizzle_migrations (id, hash, created_at)
            values (${last!.id}, ${last!.hash}, ${last!.created_at}::bigint)`,
      );
    }
    expect((await t.app.request('/api/ready')).status).toBe(200);
  });

  it('health is a 503 in the error shape when the database does not answer', async () => {
    // a database of its own, closed under the app: every query fails
    const own = await createTestDatabase(target);
    const app = createApp({ database: own.database });
    await own.drop();
    for (const path of ['/api/health', '/api/ready']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(await res.json()).toEqual({
        code: 'database_unavailable',
        message: 'The database is not answering; try again shortly',
        requestId: res.headers.get('x-request-id'),
      });
    }
  });

  it('refuses other /api calls without a credential', async () => {
    const res = await t.app.request('/api/kpis?period=2026-Q1&scope=company');
    expect(res.status).toBe(401);
    const body = (await res.json()) as { code: string };
    expect(body.code).toBe('unauthorized');
  });

  it('refuses an unknown token', async () => {
    const res = await t.request('/api/kpis', { token: 'dl_nope' });
    expect(res.status).toBe(401);
  });
});
