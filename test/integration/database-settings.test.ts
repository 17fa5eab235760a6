import { createApp } from '@delight/api';
import { createApiToken } from '@delight/api/auth';
import { createDb, type Database, type PoolOptions, queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/databases';

/**
 * Issue 15 point 6: pool size, statement timeout and prepared statements are settings
 * that reach the connections (PostgreSQL only: PGlite has no pool).
 */
describe('database settings on postgres', () => {
  let fresh: TestDatabase;
  const opened: Database[] = [];
  const open = async (pool: PoolOptions) => {
    const d = await createDb({ url: fresh.url!, migrate: false, pool });
    opened.push(d);
    return d;
  };
  beforeAll(async () => {
    fresh = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    for (const d of opened) await d.close();
    await fresh.drop();
  });

  it('JIT: off for the pool unless asked for (DELIGHT_DB_JIT)', async () => {
    const off = await open({});
    const on = await open({ jit: true });
    const jit = async (d: Database) =>
      (await queryRows<{ jit: string }>(d.db, sql`show jit`))[0]!.jit;
    expect(await jit(off)).toBe('off');
    expect(await jit(on)).toBe('on');
  });

  it('statement timeout: a longer statement is cut, and the API answers 503 database_timeout', async () => {
    const d = await open({ statementTimeoutMs: 150 });
    const [s] = await queryRows<{ statement_timeout: string }>(d.db, sql`show statement_timeout`);
    expect(s!.statement_timeout).toBe('150ms');
    await expect(d.db.execute(sql`select pg_sleep(1)`)).rejects.toMatchObject({
      cause: { code: '57014' },
    });
    // through the app: the token check itself is fast, the answer is the timeout's 503
    const app = createApp({ database: d });
    const token = (await createApiToken(d.db, { role: 'admin' })).token;
    await d.db.execute(sql`create or replace function slow_insert() returns trigger language plpgsql as $$
      begin perform pg_sleep(1); return new; end $$`);
    await d.db.execute(
      sql`create trigger slow before insert on users for each row execute function slow_insert()`,
    );
    const res = await app.request('/api/users', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'slow@x.example',
        password: 'long enough password',
        role: 'hr',
      }),
    });
    await d.db.execute(sql`drop trigger slow on users`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toMatchObject({ code: 'database_timeout' });
  });

  it('prepared statements on by default, off for PgBouncer', async () => {
    const prepared = async (d: Database) => {
      // one connection, so the check runs where the statement ran
      await queryRows(d.db, sql`select ${1}::int as x`);
      const [r] = await queryRows<{ n: number }>(
        d.db,
        sql`select count(*)::int as n from pg_prepared_statements`,
      );
      return r!.n;
    };
    expect(await prepared(await open({ poolSize: 1 }))).toBeGreaterThan(0);
    expect(await prepared(await open({ poolSize: 1, prepare: false }))).toBe(0);
  });

  it('pool size caps the connections; pool stats count them', async () => {
    const d = await open({ poolSize: 3 });
    await Promise.all(Array.from({ length: 8 }, () => d.db.execute(sql`select pg_sleep(0.2)`)));
    const stats = await d.stats();
    expect(stats.pool?.max).toBe(3);
    expect(stats.pool?.open).toBe(3);
  });
});
