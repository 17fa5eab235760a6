import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '@delight/api/import';
import { DomainError } from '@delight/api/lib/errors';
import { createDb, type Database } from '@delight/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importGolden } from '../src/golden';
import { type Cluster, createCluster } from '../src/pg-cluster';
import { tableCounts } from '../src/tables';

/**
 * Issue 11.3 (the COPY part): a PostgreSQL restart or stop during a large import
 * killed the Node process (postgres.js threw from a closed socket during COPY). Now the
 * import fails cleanly with a retryable 503, nothing is written, and the same process
 * imports again once the server is back. On a cluster this test starts itself (a free
 * port of its own), never the shared server.
 */
const ROWS = 400_000;

async function bigResponses(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write('external_id,customer,employee,kind,score,responded_at,comment\n');
  for (let i = 0; i < ROWS; i++) {
    const line = `BIG${i},C${String((i % 40) + 1).padStart(4, '0')},E006,nps,${i % 11},2026-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z,row ${i}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

describe('a PostgreSQL restart during a COPY import', () => {
  let cluster: Cluster;
  let database: Database;
  let dir: string;
  let file: string;
  let golden: Record<string, number>;
  beforeAll(async () => {
    cluster = await createCluster();
    database = await createDb({ url: cluster.url });
    await importGolden(database);
    golden = await tableCounts(database);
    dir = mkdtempSync(join(tmpdir(), 'delight-restart-'));
    file = join(dir, 'responses.csv');
    await bigResponses(file);
  });
  afterAll(async () => {
    await database?.close();
    cluster?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Starts the import and runs `fault` once some rows are on their way through COPY. */
  async function importWithFault(fault: () => void): Promise<unknown> {
    let fired = false;
    return importFiles(
      database.db,
      { 'responses.csv': { path: file } },
      {
        actor: 'test',
        onProgress: (p) => {
          if (!fired && p.phase === 'reading' && p.rows >= 50_000) {
            fired = true;
            // off the event loop's current turn, like an operator's command
            setImmediate(fault);
          }
        },
      },
    ).then(
      () => 'imported',
      (err: unknown) => err,
    );
  }

  /** kill -9 of the backend running the COPY: the server restarts, the socket just closes. */
  const killCopyBackend = () => {
    const psql = spawnSync(
      '/usr/lib/postgresql/15/bin/psql',
      [
        cluster.url,
        '-Atc',
        "select pid from pg_stat_activity where query ilike 'copy%' and pid <> pg_backend_pid()",
      ],
      { encoding: 'utf8' },
    );
    for (const pid of psql.stdout.split('\n').filter(Boolean)) process.kill(Number(pid), 'SIGKILL');
  };

  it.each([
    ['restart', () => cluster.restart(), () => {}],
    ['stop', () => cluster.stop(), () => cluster.start()],
    ['crash of the COPY backend', killCopyBackend, () => {}],
  ])(
    '%s: the import fails with 503, nothing is written, the process imports again after',
    async (_name, fault, recover) => {
      const outcome = await importWithFault(fault);
      recover();
      expect(outcome).toBeInstanceOf(DomainError);
      expect((outcome as DomainError).code).toBe('database_unavailable');
      // the pool reconnects by itself; nothing of the failed import is there
      let counts: Record<string, number> | null = null;
      for (let i = 0; i < 50 && !counts; i++) {
        counts = await tableCounts(database).catch(async () => {
          await new Promise((r) => setTimeout(r, 200));
          return null;
        });
      }
      expect(counts).toEqual(golden);
      const again = await importFiles(
        database.db,
        {
          'responses.csv':
            'external_id,customer,employee,kind,score,responded_at,comment\nAFTER1,C0001,,nps,9,2026-01-02T10:00:00Z,\n',
        },
        { actor: 'test' },
      );
      expect(again.changes['responses.csv']).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
      await database.db.execute(
        (await import('drizzle-orm')).sql`delete from responses where external_id = 'AFTER1'`,
      );
    },
  );
});
