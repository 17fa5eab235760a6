import { describe, expect, it } from 'vitest';
import { type TransactionRunner, transactionWithRetry } from './retry';

/** A stand-in database whose transactions fail with the given codes, then succeed. */
function flaky(codes: (string | null)[]) {
  const seen: unknown[] = [];
  const db: TransactionRunner<string> = {
    async transaction<T>(work: (tx: string) => Promise<T>, config: unknown): Promise<T> {
      seen.push(config);
      const code = codes.shift();
      if (code) {
        // drizzle wraps the driver's error: the code sits on the cause
        throw Object.assign(new Error('Failed query'), {
          cause: Object.assign(new Error('x'), { code }),
        });
      }
      return work('tx');
    },
  };
  return { db, seen };
}

describe('transactionWithRetry', () => {
  it('runs again after a serialization failure or a deadlock, at the isolation asked for', async () => {
    const { db, seen } = flaky(['40001', '40P01', null]);
    await expect(
      transactionWithRetry(db, async (tx) => `done in ${String(tx)}`, {
        isolationLevel: 'repeatable read',
      }),
    ).resolves.toBe('done in tx');
    expect(seen).toEqual(Array(3).fill({ isolationLevel: 'repeatable read' }));
  });

  it('gives up after the attempts, and never retries other errors', async () => {
    const many = flaky(['40001', '40001', '40001']);
    await expect(
      transactionWithRetry(many.db, async () => 1, { isolationLevel: 'serializable', attempts: 3 }),
    ).rejects.toThrow('Failed query');
    expect(many.seen).toHaveLength(3);
    const other = flaky(['23505', null]);
    await expect(
      transactionWithRetry(other.db, async () => 1, { isolationLevel: 'serializable' }),
    ).rejects.toThrow('Failed query');
    expect(other.seen).toHaveLength(1);
  });
});
