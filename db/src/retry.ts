import type { Db } from './client';
import { errorCode } from './client';

/** A transaction on the database (what `db.transaction` hands its callback). */
export type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0];

/** serialization_failure and deadlock_detected: the transaction may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);

export const isRetryable = (err: unknown) => RETRYABLE.has(errorCode(err) ?? '');

export interface RetryOptions {
  /** REPEATABLE READ (one snapshot for every read) or SERIALIZABLE */
  isolationLevel: 'repeatable read' | 'serializable';
  /** runs in all, the first included (default 4) */
  attempts?: number;
}

/** What transactionWithRetry needs of a database: its `transaction` (a Db has it). */
export interface TransactionRunner<Tx> {
  transaction<T>(
    work: (tx: Tx) => Promise<T>,
    config: { isolationLevel: RetryOptions['isolationLevel'] },
  ): Promise<T>;
}

/**
 * Runs `work` in a transaction at REPEATABLE READ or SERIALIZABLE, so every read sees
 * one snapshot even while other replicas write, and runs it again (with a short random
 * pause) when PostgreSQL refuses it for a concurrent change or a deadlock. `work` must
 * have no effect outside the transaction. On PGlite (one connection) it runs once.
 */
export async function transactionWithRetry<T, Tx = Transaction>(
  db: TransactionRunner<Tx>,
  work: (tx: Tx) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const attempts = options.attempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work, { isolationLevel: options.isolationLevel });
    } catch (err) {
      if (attempt >= attempts || !isRetryable(err)) throw err;
      await new Promise((r) => setTimeout(r, 10 * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}

export const REPEATABLE_READ: RetryOptions = { isolationLevel: 'repeatable read' };
export const SERIALIZABLE: RetryOptions = { isolationLevel: 'serializable' };

/** `retrying(db).transaction(work, REPEATABLE_READ)`: transactionWithRetry in db.transaction's shape. */
export const retrying = (db: Db) => ({
  transaction: <T>(work: (tx: Transaction) => Promise<T>, options: RetryOptions) =>
    transactionWithRetry(db, work, options),
});
