import { type App, createApp } from '@delight/api';
import { createApiToken } from '@delight/api/auth';
import { createDb, type Database, queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, createCluster } from '../src/pg-cluster';

/**
 * Issue 11 point 3 (the outage part): PostgreSQL stops while requests are in flight
 * and comes back. On a cluster of this test's own (a free port), never the shared server.
 * The app keeps running, answers 503 with the error shape and Retry-After meanwhile,
 * /api/health says the database is down, and everything recovers without a restart.
 */
describe('a PostgreSQL outage', () => {
  let cluster: Cluster;
  let database: Database;
  let app: App;
  let token: string;
  const unhandled: unknown[] = [];
  const onUnhandled = (err: unknown) => unhandled.push(err);

  const get = (path: string) =>
    app.request(path, { headers: { authorization: `Bearer ${token}` } });
  const createUserCall = (email: string) =>
    app.request('/api/users', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'long enough password', role: 'hr' }),
    });

  /** The 503 every call gets while the database is away. */
  async function expectUnavailable(res: Response) {
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      code: 'database_unavailable',
      message: 'The database is not answering; try again shortly',
      requestId: res.headers.get('x-request-id'),
    });
  }

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    cluster = await createCluster();
    database = await createDb({
      url: cluster.url,
      pool: { poolSize: 4, connectTimeoutSeconds: 3 },
    });
    app = createApp({ database });
    token = (await createApiToken(database.db, { role: 'admin' })).token;
  }, 120_000);

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await database?.close();
    cluster?.remove();
  });

  it('fails the requests in flight cleanly, answers 503 meanwhile, and recovers by itself', async () => {
    const health = await app.request('/api/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', db: 'postgres' });
    const before = await get('/api/kpis?period=2026-Q1&scope=company');
    expect(before.status).toBe(200);
    const kpisBefore = await before.json();

    // Hold the tables the calls need, so a read and a write are surely in flight when
    // the server stops: the read waits on employees, the write on users.
    const blocker = postgres(cluster.url, { max: 1, onnotice: () => {} });
    let blocked = true;
    let locked!: () => void;
    const lockTaken = new Promise<void>((r) => {
      locked = r;
    });
    const held = blocker
      .begin(async (tx) => {
        await tx`lock table users, sessions in access exclusive mode`;
        locked();
        while (blocked) await new Promise((r) => setTimeout(r, 20));
      })
      .catch(() => undefined);
    await lockTaken;
    const inFlightRead = get('/api/users');
    const inFlightWrite = createUserCall('inflight@x.example');
    // stop only once both calls are inside the database, waiting on the lock (however
    // slow the machine), so that they really are in flight
    const probe = postgres(cluster.url, { max: 1, onnotice: () => {} });
    const waiting = async () => {
      const [row] = await probe<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock'`;
      return row?.n ?? 0;
    };
    while ((await waiting()) < 2) await new Promise((r) => setTimeout(r, 20));
    await probe.end();
    cluster.stop('fast');
    blocked = false;
    await held;
    await blocker.end({ timeout: 1 }).catch(() => undefined);

    await expectUnavailable(await inFlightRead);
    await expectUnavailable(await inFlightWrite);

    // During the outage: reads, writes, health and readiness all say so.
    await expectUnavailable(await get('/api/kpis?period=2026-Q1&scope=company'));
    await expectUnavailable(await createUserCall('during@x.example'));
    await expectUnavailable(await app.request('/api/health'));
    await expectUnavailable(await app.request('/api/ready'));

    cluster.start();
    // No restart of the app: health is ok at the first ask, and so are the calls
    // (a pooled connection the restart cut may fail its next use once: bounded retries).
    const healthAfter = await app.request('/api/health');
    expect(healthAfter.status).toBe(200);
    expect(await healthAfter.json()).toEqual({ status: 'ok', db: 'postgres' });
    let after: Response | undefined;
    for (let i = 0; i < 5 && after?.status !== 200; i++) {
      after = await get('/api/kpis?period=2026-Q1&scope=company');
    }
    expect(after!.status).toBe(200);
    expect(await after!.json()).toEqual(kpisBefore);
    expect((await app.request('/api/ready')).status).toBe(200);

    // The write that was in flight left nothing behind; a write now works.
    const emails = await queryRows<{ email: string }>(
      database.db,
      sql`select email from users order by email`,
    );
    expect(emails).toEqual([]);
    let created: Response | undefined;
    for (let i = 0; i < 5 && created?.status !== 201; i++) {
      created = await createUserCall('after@x.example');
    }
    expect(created!.status).toBe(201);
    // and nothing escaped as an unhandled rejection that would end a server process
    expect(unhandled).toEqual([]);
  });
});
