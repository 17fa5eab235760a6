/** The benchmark's own databases on a PostgreSQL server: created fresh, dropped after. */
import postgres from 'postgres';

export type Sql = postgres.Sql;

/** The URL of database `name` on the server of `base`. */
export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** One connection with per-session settings only (the server itself is never reconfigured). */
export function connect(url: string): Sql {
  return postgres(url, { max: 1, onnotice: () => {}, idle_timeout: 0 });
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function createDatabase(adminUrl: string, name: string): Promise<void> {
  const sql = connect(adminUrl);
  try {
    await sql.unsafe(`drop database if exists ${ident(name)} with (force)`);
    await sql.unsafe(`create database ${ident(name)}`);
  } finally {
    await sql.end();
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const sql = connect(adminUrl);
  try {
    await sql.unsafe(`drop database if exists ${ident(name)} with (force)`);
  } finally {
    await sql.end();
  }
}

/** Server version and the settings that shape the measurements, for the report. */
export async function serverFacts(url: string): Promise<Record<string, string>> {
  const sql = connect(url);
  try {
    const rows = await sql<{ name: string; setting: string }[]>`
      select name, setting from pg_settings
      where name in ('server_version', 'shared_buffers', 'work_mem', 'jit', 'autovacuum',
                     'max_parallel_workers_per_gather', 'effective_cache_size', 'max_wal_size')`;
    return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  } finally {
    await sql.end();
  }
}
