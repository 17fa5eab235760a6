import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '@delight/api/import';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { importGolden } from '../src/golden';

/**
 * Issue 11.6: during a 200k-row PGlite import /api/health took up to 21 s, because the
 * file was parsed and validated in one synchronous go. Now the file streams in batches
 * (and big files are checked and written in line ranges) with event-loop turns between
 * them, so the server answers requests meanwhile: timers fire and a request that needs
 * no database query is answered while the import is still reading. (Requests that
 * query PGlite wait for the import's transaction: PGlite has one connection. The
 * latency figures are in `pnpm bench:import`.)
 */
const ROWS = 60_000;

describe('a long PGlite import', () => {
  let t: TestContext;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    t = await createTestContext('pglite');
    await importGolden(t.db.database);
    dir = mkdtempSync(join(tmpdir(), 'delight-responsive-'));
    file = join(dir, 'responses.csv');
    const out = createWriteStream(file);
    out.write('external_id,customer,employee,kind,score,responded_at,comment\n');
    for (let i = 0; i < ROWS; i++) {
      out.write(`L${i},C0001,,nps,${i % 11},2026-01-02T10:00:00Z,\n`);
    }
    out.end();
    await once(out, 'finish');
  });
  afterAll(async () => {
    await t.db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps answering /api/health while it reads', async () => {
    // the first answer builds the OpenAPI document the test context checks answers
    // against (about a second of work): done before the import, so it is not counted
    expect((await t.app.request('/no-such-page')).status).toBe(404);
    let reading = false;
    let readingBatches = 0;
    let answeredWhileReading = 0;
    let finished = false;
    const running = importFiles(
      t.db.database.db,
      { 'responses.csv': { path: file } },
      {
        actor: 'test',
        onProgress: (p) => {
          reading = p.phase === 'reading';
          if (reading) readingBatches++;
        },
      },
    ).finally(() => {
      finished = true;
    });
    try {
      while (!finished) {
        // a client polling over the network: a timer turn between requests
        await new Promise((r) => setTimeout(r, 5));
        // no database query: the router's answer for an unknown page
        const res = await t.app.request('/no-such-page');
        expect(res.status).toBe(404);
        if (reading && !finished) answeredWhileReading++;
      }
    } finally {
      // never leave the import running past the test (the database closes after it)
      await running.catch(() => {});
    }
    const result = await running;
    expect(result.changes['responses.csv']).toEqual({ inserted: ROWS, updated: 0, unchanged: 0 });
    expect(readingBatches).toBeGreaterThanOrEqual(ROWS / 5000);
    expect(answeredWhileReading).toBeGreaterThanOrEqual(ROWS / 5000 / 2);
  });
});
