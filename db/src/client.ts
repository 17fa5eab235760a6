import { mkdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema/index';

export type Schema = typeof schema;
/** Either driver's database; the rest of the code only sees this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A database or an open transaction on it. */
export type Executor = Pick<Db, 'execute'>;
export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DbKind;
  close(): Promise<void>;
}

export interface DbOptions {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  url?: string | undefined;
  /** PGlite folder; `memory://` (or undefined) keeps it in memory. */
  dataDir?: string | undefined;
  /** Apply migrations before returning (default true). */
  migrate?: boolean;
}

const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

export async function createDb(options: DbOptions = {}): Promise<Database> {
  const database = options.url ? openPostgres(options.url) : await openPglite(options.dataDir);
  if (options.migrate !== false) await migrateDb(database);
  return database;
}

function openPostgres(url: string): Database {
  const client = postgres(url, { max: 10, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const inMemory = !dataDir || dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const client = inMemory ? new PGlite() : new PGlite(dataDir);
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { db, kind: 'pglite', close: () => client.close() };
}

export async function migrateDb(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
  } else {
    await migratePostgres(database.db as never, { migrationsFolder });
  }
}

/**
 * Runs a raw query and returns its rows. postgres.js answers `execute()` with an
 * array, PGlite with `{ rows }`; this is the one place that knows.
 *
 * Drivers also differ on types: cast `numeric` to text and counts to int in SQL.
 */
export async function queryRows<T extends Record<string, unknown>>(
  executor: Executor,
  query: SQL,
): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return (result as { rows: T[] }).rows;
}

export type CopyValue = string | number | boolean | null;
/** Streams rows into a table with `COPY … FROM STDIN` (text format). */
export type CopyRows = (
  table: string,
  columns: string[],
  rows: Iterable<CopyValue[]>,
  onRows?: (written: number) => void,
) => Promise<void>;

/**
 * COPY for bulk loads, where the driver has it: a postgres.js database or
 * transaction (drizzle keeps its client in `session.client`). PGlite answers null and
 * callers fall back to batched INSERTs.
 */
export function copyRowsFor(executor: Executor): CopyRows | null {
  const client = (executor as unknown as { session?: { client?: unknown } }).session?.client as
    | postgres.Sql
    | undefined;
  if (!client || typeof (client as { unsafe?: unknown }).unsafe !== 'function') return null;
  if (!('begin' in client) && !('savepoint' in client)) return null;
  return async (table, columns, rows, onRows) => {
    const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
    const stream = await client
      .unsafe(`copy ${ident(table)} (${columns.map(ident).join(', ')}) from stdin`)
      .writable();
    let written = 0;
    async function* lines() {
      let chunk = '';
      for (const row of rows) {
        chunk += `${row.map(copyText).join('\t')}\n`;
        if (++written % 5000 === 0) {
          yield chunk;
          chunk = '';
          onRows?.(written);
        }
      }
      if (chunk) yield chunk;
      onRows?.(written);
    }
    await pipeline(Readable.from(lines()), stream);
  };
}

/** One value in COPY's text format: \N for null, backslash escapes for the separators. */
function copyText(value: CopyValue): string {
  if (value === null) return '\\N';
  return String(value).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}
