import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createUser } from '@delight/api/auth';
import { IMPORT_FILES } from '@delight/api/import';
import { createDb, type Database, queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOLDEN_DIR } from '../src/golden';
import { type Cluster, createCluster, freePort } from '../src/pg-cluster';
import { repoRoot, type Spawned, spawnLogged } from '../src/processes';

/**
 * Issue 15 point 6: two API processes over one PostgreSQL and a streaming replica (a
 * cluster of this test's own, made with pg_basebackup; every port a free one). Both start at once on a fresh database: the migrations run once, under
 * the advisory lock. Sign-in, an import and dashboard reads go through both, and the
 * answers are identical; B's dashboard reads are served by the replica.
 */
const METRICS_TOKEN = 'replica-test-metrics-token';
const PASSWORD = 'replica test password';
const MIGRATIONS = join(repoRoot, 'db/migrations');

interface Api extends Spawned {
  base: string;
}

function startApi(port: number, env: Record<string, string>): Api {
  const spawned = spawnLogged('node', ['--import', 'tsx', 'scripts/src/start.ts'], {
    PORT: String(port),
    DELIGHT_DEMO: '0',
    DELIGHT_BUILD_WEB: '0',
    DELIGHT_METRICS_TOKEN: METRICS_TOKEN,
    DELIGHT_LOG_LEVEL: 'warn',
    ...env,
  });
  return { ...spawned, base: `http://127.0.0.1:${port}` };
}

async function healthy(api: Api): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (api.child.exitCode !== null) throw new Error(`API exited: ${api.output()}`);
    try {
      if ((await fetch(`${api.base}/api/ready`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`API did not become ready: ${api.output()}`);
}

describe('two API replicas and a read replica', () => {
  let primary: Cluster;
  let replica: Cluster;
  let a: Api;
  let b: Api;
  let direct: Database;

  beforeAll(async () => {
    primary = await createCluster();
    replica = await primary.replica();
    // both at once, on a database no migration has touched
    a = startApi(await freePort(), { DATABASE_URL: primary.url });
    b = startApi(await freePort(), { DATABASE_URL: primary.url, DATABASE_READ_URL: replica.url });
    await Promise.all([healthy(a), healthy(b)]);
    direct = await createDb({ url: primary.url, migrate: false });
  }, 180_000);

  afterAll(async () => {
    for (const api of [a, b]) api?.child.kill('SIGTERM');
    await direct?.close();
    replica?.remove();
    primary?.remove();
  });

  it('both came up, and each migration was applied once', async () => {
    const files = (await readdir(MIGRATIONS)).filter((f) => f.endsWith('.sql'));
    const rows = await queryRows<{ hash: string }>(
      direct.db,
      sql`select hash from drizzle.__drizzle_migrations`,
    );
    expect(rows).toHaveLength(files.length);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(files.length);
  });

  it('sign-in, an import and dashboard reads through both give identical answers', async () => {
    await createUser(direct.db, {
      email: 'admin@replicas.example',
      password: PASSWORD,
      role: 'admin',
    });
    // sign in on A; the session works on B (sessions live in the database, not a process)
    const login = await fetch(`${a.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@replicas.example', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = `dl_session=${/dl_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]}`;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    expect((await fetch(`${b.base}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
    // and B signs in too: its writes go to the primary (a standby refuses writes)
    const loginB = await fetch(`${b.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@replicas.example', password: PASSWORD }),
    });
    expect(loginB.status).toBe(200);

    // the golden import through A
    const form = new FormData();
    // every import file the golden set has (it has no contacts.csv)
    for (const name of IMPORT_FILES.filter((n) => existsSync(join(GOLDEN_DIR, n)))) {
      form.append(name, new Blob([readFileSync(join(GOLDEN_DIR, name))]), name);
    }
    const imported = await fetch(`${a.base}/api/import`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken },
      body: form,
    });
    expect(imported.status).toBe(200);

    // the replica has replayed everything the primary wrote
    const p = postgres(primary.url, { max: 1, onnotice: () => {} });
    const r = postgres(replica.url, { max: 1, onnotice: () => {} });
    try {
      const [current] = await p<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`;
      const lsn = current!.lsn;
      for (let i = 0; i < 100; i++) {
        const [row] = await r<
          { caught: boolean }[]
        >`select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as caught`;
        if (row!.caught) break;
        await new Promise((res) => setTimeout(res, 100));
      }
    } finally {
      await p.end();
      await r.end();
    }
    // B checks its replica at most once a second, in the background of a read
    await fetch(`${b.base}/api/kpis?period=2026-Q1&scope=company`, { headers: { cookie } });
    await new Promise((res) => setTimeout(res, 1200));

    const reads = [
      '/api/kpis?period=2026-Q1&scope=company',
      '/api/kpis?period=2026-Q1&scope=segment:S1',
      '/api/kpis/breakdown?period=2026-Q1&by=segment',
      '/api/kpis/trend?scope=company&from=2025-04&to=2026-03',
      '/api/money?period=2026-Q1&scope=company',
      '/api/money/explain?period=2026-Q1&scope=company&figure=revenue_at_risk',
      '/api/customers?period=2026-Q1&page_size=200',
      '/api/bonus?period=2026-Q1',
    ];
    for (const path of reads) {
      const answer = async (api: Api) => {
        const res = await fetch(`${api.base}${path}`, { headers: { cookie } });
        return { status: res.status, body: await res.text() };
      };
      const [fromA, fromB] = await Promise.all([answer(a), answer(b)]);
      expect(fromA.status, path).toBe(200);
      expect(fromB, path).toEqual(fromA);
    }

    const metrics = await (
      await fetch(`${b.base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();
    const replicaReads = Number(
      /delight_db_reads_total\{target="replica"\} (\d+)/.exec(metrics)?.[1],
    );
    // every kpis/money/customers read above went to the replica (bonus reads the primary)
    expect(replicaReads).toBeGreaterThanOrEqual(reads.length - 1);
    expect(metrics).toMatch(/^delight_db_replica_fresh 1$/m);
  });
});
