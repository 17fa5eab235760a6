import { importFiles, readImportDirectory } from '@delight/api/import';
import { createDb } from '@delight/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../src/databases';
import { GOLDEN_DIR } from '../src/golden';
import { tableContents, tableCounts } from '../src/tables';

// A responses file of several COPY batches (5,000 rows each): a PostgreSQL server streams
// it through COPY FROM STDIN, PGlite through COPY FROM a blob per batch. Both must store
// the same rows.
const N = 6234;
function bigResponses(changed = new Set<number>()): string {
  const lines = ['external_id,customer,employee,kind,score,responded_at,comment'];
  for (let i = 0; i < N; i++) {
    const customer = `C${String((i % 40) + 1).padStart(4, '0')}`;
    const employee = i % 7 === 0 ? '' : `E${String((i % 9) + 4).padStart(3, '0')}`;
    const kind = ['nps', 'csat', 'ces'][i % 3]!;
    const score = changed.has(i) ? 1 : [i % 11, (i % 5) + 1, (i % 7) + 1][i % 3]!;
    const day = String((i % 28) + 1).padStart(2, '0');
    const comment = i % 1000 === 0 ? '"tab\there, ""quote"", back\\slash\nand a new line"' : '';
    lines.push(
      `B${i},${customer},${employee},${kind},${score},2025-11-${day}T08:${String(i % 60).padStart(2, '0')}:00Z,${comment}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe.each(databaseTargets())('bulk import on %s', (target) => {
  let db: TestDatabase;
  let base: Record<string, Uint8Array>;
  beforeAll(async () => {
    db = await createTestDatabase(target);
    base = (await readImportDirectory(GOLDEN_DIR)) as Record<string, Uint8Array>;
  });
  afterAll(() => db.drop());

  it('loads a large file, counts inserts, and stores what a small-batch load stores', async () => {
    const result = await importFiles(
      db.database.db,
      { ...base, 'responses.csv': bigResponses() },
      { actor: 'test' },
    );
    expect(result.changes['responses.csv']).toEqual({ inserted: N, updated: 0, unchanged: 0 });
    expect((await tableCounts(db.database)).responses).toBe(N);

    const reference = await createDb(); // in-memory PGlite
    try {
      await importFiles(
        reference.db,
        { ...base, 'responses.csv': bigResponses() },
        { actor: 'test' },
      );
      expect((await tableContents(db.database)).responses).toEqual(
        (await tableContents(reference)).responses,
      );
    } finally {
      await reference.close();
    }
  });

  it('re-imports the large file without changes, then updates exactly the changed rows', async () => {
    const again = await importFiles(
      db.database.db,
      { 'responses.csv': bigResponses() },
      { actor: 'test' },
    );
    expect(again.changes['responses.csv']).toEqual({ inserted: 0, updated: 0, unchanged: N });
    const changed = new Set([3, 4, 5, 999, N - 1]);
    const edit = await importFiles(
      db.database.db,
      { 'responses.csv': bigResponses(changed) },
      { actor: 'test' },
    );
    expect(edit.changes['responses.csv']).toEqual({
      inserted: 0,
      updated: changed.size,
      unchanged: N - changed.size,
    });
  });
});
