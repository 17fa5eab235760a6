import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@delight/api';
import { createUser } from '@delight/api/auth';
import { importFiles } from '@delight/api/import';
import { queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_TABLES, DERIVED_TABLES } from '../../scripts/src/backup';
import { backupCommand, restoreCommand } from '../../scripts/src/commands/backup';
import { createTestContext, type TestContext } from '../src/app';
import { captureOutput } from '../src/capture';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../src/databases';
import { importGolden } from '../src/golden';
import { signOff } from '../src/sign-off';

/**
 * Issue 11.9: `pnpm delight backup FILE` / `restore FILE` on both databases. A round trip
 * compares every table row by row and a closed period's HR CSV byte for byte.
 */
async function everyTable(db: TestDatabase): Promise<Record<string, string[]>> {
  const tables = await queryRows<{ name: string }>(
    db.database.db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const out: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows = await queryRows<{ j: string }>(
      db.database.db,
      sql.raw(`select row_to_json(t)::text as j from ${name} t`),
    );
    out[name] = rows.map((r) => r.j).sort();
  }
  return out;
}

describe.each(databaseTargets())('backup and restore on %s', (target) => {
  let t: TestContext;
  let restored: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await createTestContext(target);
    restored = await createTestDatabase(target);
    dir = mkdtempSync(join(tmpdir(), 'delight-backup-'));
    await importGolden(t.db.database);
    await importFiles(
      t.db.database.db,
      {
        'contacts.csv':
          'external_id,response,complaint,employee,contacted_at,channel,outcome,note\nT1,,K00001,E006,2025-03-01T09:00:00.123456Z,call,reached,"a note, with ""quotes"""\n',
      },
      { actor: 'test' },
    );
    await createUser(t.db.database.db, {
      email: 'hr2@x.example',
      password: 'a long password 3',
      role: 'hr',
    });
  });
  afterAll(async () => {
    await t.db.drop();
    await restored.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('knows every table of the schema', async () => {
    const tables = Object.keys(await everyTable(t.db));
    expect(
      tables.filter((x) => !([...BACKUP_TABLES, ...DERIVED_TABLES] as string[]).includes(x)),
    ).toEqual([]);
  });

  it('restores every table and a closed period’s HR CSV byte for byte', async () => {
    await signOff(t, '2026-Q1');
    const close = await t.request('/api/periods/2026-Q1/close', { method: 'POST' });
    expect(close.status).toBe(201);
    const csv = await (await t.request('/api/bonus/export.csv?period=2026-Q1')).text();
    expect(csv.split('\n').length).toBeGreaterThan(5);
    const file = join(dir, 'backup.gz');
    const made = await captureOutput(() => backupCommand([file], t.db.database));
    expect(made.code, made.stderr).toBe(0);

    const back = await captureOutput(() => restoreCommand([file], restored.database));
    expect(back.code, back.stderr).toBe(0);
    expect(await everyTable(restored)).toEqual(await everyTable(t.db));

    const app = createApp({ database: restored.database });
    const token = (
      await queryRows<{ id: number }>(restored.database.db, sql`select id from api_tokens`)
    ).length;
    expect(token).toBeGreaterThan(0);
    // the original admin token works on the restored database (its hash came along)
    const res = await app.request('/api/bonus/export.csv?period=2026-Q1', {
      headers: { authorization: `Bearer ${t.adminToken}` },
    });
    expect(res.status).toBe(200);
    const again = await res.text();
    expect(again).toBe(csv);
    expect(Buffer.from(again).equals(Buffer.from(csv))).toBe(true);

    // new rows get new ids after a restore
    const more = await importFiles(
      restored.database.db,
      {
        'contacts.csv':
          'external_id,response,complaint,employee,contacted_at,channel,outcome,note\nT2,R000001,,E006,2025-03-02T09:00:00Z,email,reached,\n',
      },
      { actor: 'test' },
    );
    expect(more.changes['contacts.csv']).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
  });

  it('refuses to restore over data', async () => {
    const file = join(dir, 'again.gz');
    expect((await captureOutput(() => backupCommand([file], t.db.database))).code).toBe(0);
    const over = await captureOutput(() => restoreCommand([file], t.db.database));
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/needs an empty database/);
  });
});
