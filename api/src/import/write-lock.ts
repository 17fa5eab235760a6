import type { Db, Executor } from '@delight/db';
import { Mutex, type MutexInterface, withTimeout } from 'async-mutex';
import { sql } from 'drizzle-orm';
import { DomainError, type ErrorCode } from '../lib/errors';

/**
 * Data writes (imports and ingest batches) are serialised, which is simple and makes
 * concurrent clients with overlapping keys safe by construction: no deadlock between
 * them, every final row is exactly one version some client sent, counts and rollups
 * exact.
 *
 * - In the process, one write at a time per database (async-mutex, FIFO): waiting
 *   writers hold no pooled connection, so reads keep theirs.
 * - Across processes (the CLI beside a server, several servers), a transaction-level
 *   advisory lock taken before the apply step.
 *
 * Serialisation, deadlock and lock-timeout failures that still happen (other writers)
 * are retried here with backoff; when retries run out the caller gets 503 with
 * Retry-After, never a 500.
 */

/** A retryable refusal: 503 with a Retry-After header (seconds). */
export class RetryLater extends DomainError {
  constructor(
    code: Extract<ErrorCode, 'busy' | 'write_conflict' | 'database_unavailable'>,
    message: string,
    readonly retryAfter: number,
  ) {
    super(code, message, { retry_after: retryAfter });
  }
}

/** How long a write waits for the ones before it. */
export const WRITE_QUEUE_TIMEOUT_MS = 120_000;
const gates = new WeakMap<object, MutexInterface>();

function gateOf(db: Db) {
  let gate = gates.get(db);
  if (!gate) {
    gate = withTimeout(
      new Mutex(),
      WRITE_QUEUE_TIMEOUT_MS,
      new RetryLater(
        'busy',
        'Other imports are still being written; nothing was written, try again shortly',
        5,
      ),
    );
    gates.set(db, gate);
  }
  return gate;
}

/** Any number: the key of the one advisory lock all data writers take. */
const WRITE_LOCK_KEY = 7_301_120_011;

/** Takes the cross-process write lock until the end of the transaction. */
export async function lockDataWrites(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${WRITE_LOCK_KEY}::bigint)`);
}

const RETRYABLE = new Set(['40001', '40P01', '55P03', '23505']);
const CONNECTION = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
]);

/** The driver's error code, looking through drizzle's wrapping (`cause`). */
export function errorCode(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code: unknown = typeof e === 'object' ? Reflect.get(e, 'code') : undefined;
    if (typeof code === 'string' && !(e instanceof DomainError)) return code;
    e = typeof e === 'object' ? Reflect.get(e, 'cause') : undefined;
  }
  return null;
}

export const isConnectionError = (err: unknown) => {
  const code = errorCode(err);
  return code !== null && (CONNECTION.has(code) || code.startsWith('08'));
};

const ATTEMPTS = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a data write alone (in this process), retrying it whole on serialisation
 * failures, deadlocks and lock timeouts. `attempt` must be repeatable: it runs its own
 * transaction and re-reads its input.
 */
export async function serialisedWrite<T>(db: Db, attempt: () => Promise<T>): Promise<T> {
  return gateOf(db).runExclusive(async () => {
    for (let i = 1; ; i++) {
      try {
        return await attempt();
      } catch (err) {
        if (err instanceof DomainError) throw err;
        if (isConnectionError(err)) {
          throw new RetryLater(
            'database_unavailable',
            'The connection to the database was lost; nothing was written. Try again when it is back.',
            5,
          );
        }
        const code = errorCode(err);
        if (code === null || !RETRYABLE.has(code)) throw err;
        if (i === ATTEMPTS) {
          throw new RetryLater(
            'write_conflict',
            `Concurrent writes kept conflicting (${code}); nothing was written, try again`,
            1,
          );
        }
        await sleep(50 * 2 ** i * (0.5 + Math.random()));
      }
    }
  });
}
