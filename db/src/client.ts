import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
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

/** Where dashboard reads went, and why. */
export type ReplicaState = 'none' | 'unknown' | 'fresh' | 'lagging' | 'down';

export interface PoolStats {
  /** pool size (postgres.js `max`) */
  max: number;
  /** this pool's connections open on the server, by state (pg_stat_activity) */
  open: number;
  active: number;
  idle: number;
  idleInTransaction: number;
}

export interface DatabaseStats {
  kind: DbKind;
  /** null on PGlite (one embedded connection) */
  pool: PoolStats | null;
  replica: ReplicaState;
  /** calls of `read` served by the primary and by the replica */
  reads: { primary: number; replica: number };
}

export interface MigrationStatus {
  /** migrations in db/migrations (this code's) */
  known: number;
  /** of those, not applied to the database yet */
  pending: number;
}

export interface Database {
  /** the primary: every write, and reads that must see the latest write */
  db: Db;
  kind: DbKind;
  /**
   * Where a dashboard read may go: the read replica (DATABASE_READ_URL) while it
   * streams and lags at most `readMaxLagSeconds`, else the primary. Services take it
   * like `db`; it never sees a write.
   */
  readonly read: Db;
  /** Resolves when the database answers `select 1` within the time; else throws DatabaseUnavailableError. */
  ping(timeoutMs?: number): Promise<void>;
  migrationStatus(): Promise<MigrationStatus>;
  stats(): Promise<DatabaseStats>;
  close(): Promise<void>;
}

export interface PoolOptions {
  /** connections per process (default 10) */
  poolSize?: number;
  /** PostgreSQL statement_timeout in ms; 0 or absent = none */
  statementTimeoutMs?: number;
  /** close a pooled connection idle this long (s); 0 or absent = never */
  idleTimeoutSeconds?: number;
  connectTimeoutSeconds?: number;
  /** named prepared statements (default on); off behind PgBouncer in transaction mode */
  prepare?: boolean;
  /**
   * PostgreSQL JIT compilation for this pool's statements (default off: it added about
   * 0.5 s to each big dashboard statement and saved nothing, see docs/performance.md)
   */
  jit?: boolean;
  /** dashboard reads leave a replica lagging more than this for the primary (default 10 s) */
  readMaxLagSeconds?: number;
}

export interface DbOptions {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  url?: string | undefined;
  /** a streaming replica of `url` for dashboard reads (PostgreSQL only) */
  readUrl?: string | undefined;
  /** PGlite folder; `memory://` (or undefined) keeps it in memory. */
  dataDir?: string | undefined;
  /** Apply migrations before returning (default true). */
  migrate?: boolean;
  pool?: PoolOptions;
}

const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

export async function createDb(options: DbOptions = {}): Promise<Database> {
  if (options.readUrl && !options.url) throw new Error('A read replica needs the primary URL too');
  const pool = options.pool ?? {};
  if (options.url) {
    if (options.migrate !== false) await migrateUrl(options.url, pool);
    return openPostgres(options.url, options.readUrl, pool);
  }
  const database = await openPglite(options.dataDir);
  if (options.migrate !== false) {
    try {
      await migratePglite(database.db as never, { migrationsFolder });
    } catch (err) {
      await database.close();
      throw err;
    }
  }
  return database;
}

/** Connection errors, server shutdowns and timeouts: the database is not there (now). */
export class DatabaseUnavailableError extends Error {
  constructor(
    message: string,
    readonly reason: 'unavailable' | 'timeout',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

// SQLSTATE classes and driver codes that mean "no database right now", not "bad query":
// 08 connection exception, 57P01-03 shutdown / starting up, 53300 too many connections.
const UNAVAILABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
]);

/** The driver's error under drizzle's wrapper (DrizzleQueryError keeps it as `cause`). */
export function rootCause(err: unknown): unknown {
  let e = err;
  for (let i = 0; i < 5 && e instanceof Error && e.cause !== undefined; i++) e = e.cause;
  return e;
}

/** SQLSTATE (or driver code) of a failed query, looking under drizzle's wrapper. */
export function errorCode(err: unknown): string | undefined {
  for (let e = err, i = 0; i < 6 && e instanceof Error; e = e.cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** Whether a thrown error means the database is down or unreachable (a 503, not a 500). */
export function unavailability(err: unknown): 'unavailable' | 'timeout' | null {
  if (err instanceof DatabaseUnavailableError) return err.reason;
  const code = errorCode(err);
  if (code === undefined) return null;
  if (code === '57014') return 'timeout'; // statement_timeout (or a cancelled query)
  if (UNAVAILABLE_CODES.has(code) || code.startsWith('08')) return 'unavailable';
  return null;
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new DatabaseUnavailableError(`${what} did not answer within ${ms} ms`, 'timeout')),
      ms,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * `select 1` within the time. A pooled connection that the server dropped while it
 * restarted fails its next query once; the ping tries a second connection before it
 * calls the database down, so health is ok as soon as the database is back.
 */
async function ping(db: Executor, timeoutMs: number): Promise<void> {
  const once = () => db.execute(sql`select 1`);
  try {
    await withTimeout(
      once().catch((err: unknown) => {
        if (unavailability(err) === 'unavailable') return once();
        throw err;
      }),
      timeoutMs,
      'The database',
    );
  } catch (err) {
    if (err instanceof DatabaseUnavailableError) throw err;
    throw new DatabaseUnavailableError('The database does not answer', 'unavailable', {
      cause: err,
    });
  }
}

let poolCounter = 0;

// drizzle types each driver's database apart; the code above the driver sees one type.
const postgresDb = (client: postgres.Sql): Db => drizzlePostgres(client, { schema });

function postgresClient(url: string, pool: PoolOptions, applicationName: string): postgres.Sql {
  const statementTimeout = pool.statementTimeoutMs ?? 0;
  return postgres(url, {
    max: pool.poolSize ?? 10,
    prepare: pool.prepare ?? true,
    idle_timeout: pool.idleTimeoutSeconds || undefined,
    connect_timeout: pool.connectTimeoutSeconds ?? 10,
    onnotice: () => {},
    connection: {
      application_name: applicationName,
      jit: pool.jit ? 'on' : 'off',
      ...(statementTimeout > 0 ? { statement_timeout: statementTimeout } : {}),
    },
  });
}

function openPostgres(url: string, readUrl: string | undefined, pool: PoolOptions): Database {
  // One name per pool, so pg_stat_activity tells this pool's connections apart.
  const name = `delight:${process.pid}:${++poolCounter}`;
  const client = postgresClient(url, pool, name);
  const db = postgresDb(client);
  const replicaClient = readUrl ? postgresClient(readUrl, pool, `${name}:read`) : null;
  const replica = replicaClient
    ? new ReplicaRouter(db, postgresDb(replicaClient), (pool.readMaxLagSeconds ?? 10) * 1000)
    : null;
  const reads = { primary: 0, replica: 0 };
  const max = pool.poolSize ?? 10;
  return {
    db,
    kind: 'postgres',
    get read() {
      const target = replica?.pick() ?? db;
      if (target === db) reads.primary++;
      else reads.replica++;
      return target;
    },
    ping: (timeoutMs = 2000) => ping(db, timeoutMs),
    migrationStatus: () => migrationStatus(db),
    stats: async () => {
      const rows = await queryRows<{ state: string | null; n: number }>(
        db,
        sql`select state, count(*)::int as n from pg_stat_activity
             where application_name = ${name} group by state`,
      );
      const count = (state: string) => rows.find((r) => r.state === state)?.n ?? 0;
      return {
        kind: 'postgres',
        pool: {
          max,
          open: rows.reduce((sum, r) => sum + r.n, 0),
          active: count('active'),
          idle: count('idle'),
          idleInTransaction: count('idle in transaction') + count('idle in transaction (aborted)'),
        },
        replica: replica?.state ?? 'none',
        reads: { ...reads },
      };
    },
    close: async () => {
      await Promise.all([client.end({ timeout: 5 }), replicaClient?.end({ timeout: 5 })]);
    },
  };
}

/**
 * Chooses the replica for a read while it is a streaming standby whose replay lags at
 * most `maxLagMs`; otherwise the primary. The check runs at most once a second, in the
 * background of the read that finds the last one old, so a read never waits for it;
 * until the first check has passed, reads go to the primary.
 */
class ReplicaRouter {
  state: ReplicaState = 'unknown';
  private checkedAt = 0;
  private checking = false;

  constructor(
    private readonly primary: Db,
    private readonly replica: Db,
    private readonly maxLagMs: number,
  ) {}

  pick(): Db {
    if (!this.checking && Date.now() - this.checkedAt >= 1000) void this.check();
    return this.state === 'fresh' ? this.replica : this.primary;
  }

  private async check(): Promise<void> {
    this.checking = true;
    try {
      // Lag = time since the last replayed commit, but 0 while everything received is
      // replayed (an idle primary sends nothing to replay).
      const [row] = await withTimeout(
        queryRows<{ standby: boolean; streaming: boolean; lag_ms: number | null }>(
          this.replica,
          sql`select pg_is_in_recovery() as standby,
                     exists (select 1 from pg_stat_wal_receiver where status = 'streaming') as streaming,
                     (case when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
                           else extract(epoch from now() - pg_last_xact_replay_timestamp()) * 1000
                      end)::float8 as lag_ms`,
        ),
        1000,
        'The read replica',
      );
      const fresh = Boolean(row?.standby && row.streaming && (row.lag_ms ?? 0) <= this.maxLagMs);
      this.state = fresh ? 'fresh' : 'lagging';
    } catch {
      this.state = 'down';
    } finally {
      this.checkedAt = Date.now();
      this.checking = false;
    }
  }
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const inMemory = !dataDir || dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const client = inMemory ? new PGlite() : new PGlite(dataDir);
  await client.waitReady;
  const db: Db = drizzlePglite(client, { schema });
  let reads = 0;
  return {
    db,
    kind: 'pglite',
    get read() {
      reads++;
      return db;
    },
    ping: (timeoutMs = 2000) => ping(db, timeoutMs),
    migrationStatus: () => migrationStatus(db),
    stats: async () => ({
      kind: 'pglite',
      pool: null,
      replica: 'none',
      reads: { primary: reads, replica: 0 },
    }),
    close: () => client.close(),
  };
}

/** Any fixed 64-bit number, the same in every replica: the migrations' advisory lock. */
const MIGRATION_LOCK = '7301990415007041';

/**
 * Applies pending migrations. On a server, on a connection of its own that holds a
 * session advisory lock meanwhile, so replicas starting together apply each migration
 * once: the second waits for the lock, then finds nothing pending.
 */
async function migrateUrl(url: string, pool: PoolOptions): Promise<void> {
  const client = postgresClient(
    url,
    { ...pool, poolSize: 1, statementTimeoutMs: 0 },
    'delight:migrate',
  );
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK}::bigint)`;
    // max 1: the migrator's transaction runs on the connection that holds the lock
    await migratePostgres(postgresDb(client) as never, { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK}::bigint)`;
  } finally {
    // ending the session also frees the lock when a migration failed
    await client.end({ timeout: 5 });
  }
}

/** Which of this code's migrations the database has not applied (drizzle's own bookkeeping). */
async function migrationStatus(db: Db): Promise<MigrationStatus> {
  const known = readMigrationFiles({ migrationsFolder });
  const [table] = await queryRows<{ exists: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`,
  );
  let last = Number.NEGATIVE_INFINITY;
  if (table?.exists) {
    const [row] = await queryRows<{ created_at: string | null }>(
      db,
      sql`select max(created_at)::text as created_at from drizzle.__drizzle_migrations`,
    );
    if (row?.created_at) last = Number(row.created_at);
  }
  // drizzle's rule: a migration is applied when its folder time is not after the last one's
  return { known: known.length, pending: known.filter((m) => m.folderMillis > last).length };
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
