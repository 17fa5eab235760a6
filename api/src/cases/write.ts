import type { CopyValue, Db, Executor } from '@delight/db';
import type { Changes } from '../import/apply';
import type { CsvFileName } from '../import/files';
import { specOf } from '../import/files';
import { ProblemList } from '../import/problems';
import { applyStaged, checkStaged, newOutcome, stageInputs } from '../import/service';
import { lockDataWrites, serialisedWrite } from '../import/write-lock';

/**
 * A row written from the product lands exactly as an imported one: staged, checked by
 * the same column declarations and references (a 422 with the same error shape), and
 * applied by the same row-exact upsert — in the caller's transaction, under the data
 * write lock, so what the write path keeps in step (rollups, analyses) follows.
 */
export async function writeImportRow(
  tx: Executor,
  file: CsvFileName,
  record: Record<string, string | null>,
  reportingCurrency: string,
): Promise<Changes> {
  const spec = specOf(file);
  const row: CopyValue[] = [0, false, ...spec.columns.map((c) => record[c.name] ?? null)];
  const staged = await stageInputs(tx, [
    { file, rows: [row], outcome: newOutcome(), totalBytes: 0 },
  ]);
  staged.rows.set(file, 1);
  await checkStaged(tx, staged, new ProblemList(), reportingCurrency, () => file);
  const applied = await applyStaged(tx, staged);
  return applied.changes[file]!;
}

/** One data write of the product: serialised with imports and ingest, under their lock, all or nothing. */
export function dataWrite<T>(db: Db, work: (tx: Executor) => Promise<T>): Promise<T> {
  return serialisedWrite(db, () =>
    db.transaction(async (tx) => {
      await lockDataWrites(tx);
      return work(tx);
    }),
  );
}
