import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { rebuildReadModels } from '@delight/api/import';
import { type Db, type Executor, queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';

/**
 * A logical backup of every table, the same for PGlite and a PostgreSQL server (so a
 * backup of one restores into the other): gzip'd text, a header line, then per table a
 * `@table NAME` line and one `row_to_json` line per row, read in one repeatable-read
 * snapshot through a cursor (memory stays flat). Values keep their exact text (numeric,
 * timestamps, jsonb snapshots): rows go back with json_populate_recordset, never
 * through JavaScript numbers.
 */
export const BACKUP_FORMAT = 'delight-ledger-backup';
export const BACKUP_VERSION = 1;

/** Restore order (references first). employees.segment_id comes back after segments. */
export const BACKUP_TABLES = [
  'employees',
  'segments',
  'employees.segment_id',
  'customers',
  'fx_rates',
  'revenue',
  'responses',
  'complaints',
  'recovery_actions',
  'contacts',
  'case_states',
  'case_events',
  'users',
  'api_tokens',
  'sessions',
  'login_attempts',
  'settings',
  'bonus_plans',
  'bonus_plan_versions',
  'bonus_plan_lines',
  'assumption_versions',
  'bonus_periods',
  'bonus_snapshots',
  'bonus_disputes',
  'bonus_adjustments',
  'audit_log',
  'ingest_requests',
  'import_jobs',
  'webhook_sources',
] as const;
/** Kept from the tables above in the write path: rebuilt by the restore, not stored. */
export const DERIVED_TABLES = ['kpi_response_daily'] as const;

const BATCH = 2000;

async function publicTables(db: Executor): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  return rows.map((r) => r.name);
}

/** Every table must be backed up or derived: a new table cannot be forgotten silently. */
export async function checkTablesCovered(db: Executor): Promise<void> {
  const known = new Set<string>([...BACKUP_TABLES, ...DERIVED_TABLES]);
  const missing = (await publicTables(db)).filter((t) => !known.has(t));
  if (missing.length > 0) {
    throw new Error(
      `backup does not know the tables ${missing.join(', ')} (scripts/src/backup.ts)`,
    );
  }
}

async function migrationCount(db: Executor): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return row!.n;
}

const selectOf = (section: string): string => {
  if (section === 'employees')
    return `select (to_jsonb(t) - 'segment_id')::text as j from employees t order by id`;
  if (section === 'employees.segment_id') {
    return `select json_build_object('id', id, 'segment_id', segment_id)::text as j from employees where segment_id is not null order by id`;
  }
  return `select row_to_json(t)::text as j from ${section} t order by 1`;
};

/** Writes the backup of the whole database to `file`; answers rows per table. */
export async function backupDatabase(db: Db, file: string): Promise<Record<string, number>> {
  await checkTablesCovered(db);
  const out = createGzip();
  const done = pipeline(out, createWriteStream(file));
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  const counts: Record<string, number> = {};
  await db.transaction(async (tx) => {
    await tx.execute(sql`set transaction isolation level repeatable read, read only`);
    await write(
      JSON.stringify({
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        created_at: new Date().toISOString(),
        migrations: await migrationCount(tx),
        tables: BACKUP_TABLES,
      }),
    );
    for (const section of BACKUP_TABLES) {
      await write(`@table ${section}`);
      await tx.execute(sql.raw(`declare backup_rows no scroll cursor for ${selectOf(section)}`));
      let n = 0;
      for (;;) {
        const rows = await queryRows<{ j: string }>(tx, sql.raw(`fetch ${BATCH} from backup_rows`));
        for (const r of rows) await write(r.j);
        n += rows.length;
        if (rows.length < BATCH) break;
      }
      await tx.execute(sql.raw('close backup_rows'));
      counts[section] = n;
    }
  });
  out.end();
  await done;
  return counts;
}

async function isEmptyDatabase(db: Executor): Promise<boolean> {
  for (const table of ['employees', 'users', 'bonus_plans', 'assumption_versions', 'api_tokens']) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql.raw(`select count(*)::int as n from ${table}`),
    );
    if (row!.n > 0) return false;
  }
  return true;
}

async function insertBatch(tx: Executor, section: string, lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  const json = `[${lines.join(',')}]`;
  if (section === 'employees.segment_id') {
    await tx.execute(
      sql`update employees e set segment_id = x.segment_id
          from json_populate_recordset(null::employees, ${json}::json) x where e.id = x.id`,
    );
    return;
  }
  const table = sql.identifier(section);
  await tx.execute(
    sql`insert into ${table} select * from json_populate_recordset(null::${table}, ${json}::json)`,
  );
}

/** Serial columns catch up with the restored ids, so new rows get new ids. */
async function resetSequences(tx: Executor): Promise<void> {
  const rows = await queryRows<{ table_name: string; column_name: string }>(
    tx,
    sql`select table_name, column_name from information_schema.columns
        where table_schema = 'public' and column_default like 'nextval(%'`,
  );
  for (const r of rows) {
    await tx.execute(
      sql.raw(
        `select setval(pg_get_serial_sequence('${r.table_name}', '${r.column_name}'),
                coalesce((select max("${r.column_name}") from ${r.table_name}), 1),
                (select max("${r.column_name}") from ${r.table_name}) is not null)`,
      ),
    );
  }
}

interface BackupHeader {
  format: string;
  version: number;
  migrations: number;
}

function parseHeader(line: string, file: string): BackupHeader {
  let parsed: Partial<BackupHeader> | null = null;
  try {
    parsed = JSON.parse(line) as Partial<BackupHeader>;
  } catch {
    // reported below
  }
  if (parsed?.format !== BACKUP_FORMAT || parsed.version !== BACKUP_VERSION) {
    throw new Error(`${file} is not a Delight Ledger backup (version ${BACKUP_VERSION})`);
  }
  return parsed as BackupHeader;
}

/**
 * Restores a backup into an empty, migrated database of the same schema version, in
 * one transaction (all or nothing); the read models are rebuilt from the restored tables.
 */
export async function restoreDatabase(db: Db, file: string): Promise<Record<string, number>> {
  await checkTablesCovered(db);
  if (!(await isEmptyDatabase(db))) {
    throw new Error(
      'restore needs an empty database (a new DELIGHT_DATA_DIR or a new server database)',
    );
  }
  const text = new PassThrough();
  const reading = pipeline(createReadStream(file), createGunzip(), text);
  const lines = createInterface({ input: text, crlfDelay: Number.POSITIVE_INFINITY });
  const counts: Record<string, number> = {};
  await db.transaction(async (tx) => {
    let header: BackupHeader | null = null;
    let section: string | null = null;
    let batch: string[] = [];
    const known = new Set<string>(BACKUP_TABLES);
    const flush = async () => {
      if (section) await insertBatch(tx, section, batch);
      batch = [];
    };
    for await (const line of lines) {
      if (header === null) {
        const parsed = parseHeader(line, file);
        const here = await migrationCount(tx);
        if (parsed.migrations !== here) {
          throw new Error(
            `the backup is of schema version ${parsed.migrations}, this database is at ${here}: restore with the release that made it`,
          );
        }
        header = parsed;
        continue;
      }
      if (line.startsWith('@table ')) {
        await flush();
        section = line.slice(7);
        if (!known.has(section)) throw new Error(`unknown table "${section}" in the backup`);
        counts[section] = 0;
        continue;
      }
      if (!section || line === '') continue;
      batch.push(line);
      counts[section]!++;
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    if (header === null) throw new Error(`${file} is empty`);
    await resetSequences(tx);
    await rebuildReadModels(tx);
  });
  await reading;
  return counts;
}
