import { importJobsSettled } from '@delight/api/import';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { importGolden } from '../src/golden';

/**
 * Issue 11.6: a long import as a job leaves the server answering. While the job runs
 * (on PGlite its transaction holds the one connection all along), /api/health answers
 * 200 and the job's own polls show it running, with rows read growing, until it ends
 * with the import's answer.
 */
const ROWS = 60_000;

describe.each(databaseTargets())('a long import job on %s', (target) => {
  let t: TestContext;
  let csv: string;
  beforeAll(async () => {
    t = await createTestContext(target);
    await importGolden(t.db.database);
    const lines = ['external_id,customer,employee,kind,score,responded_at,comment'];
    for (let i = 0; i < ROWS; i++) lines.push(`J${i},C0001,,nps,${i % 11},2026-01-02T10:00:00Z,`);
    csv = `${lines.join('\n')}\n`;
  });
  afterAll(async () => {
    await importJobsSettled(t.db.database.db);
    await t.db.drop();
  });

  it('keeps /api/health and its progress answering while it runs', async () => {
    const body = new FormData();
    body.append('responses.csv', new Blob([csv]), 'responses.csv');
    const res = await t.request('/api/import?async=1', { method: 'POST', body });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };

    const seenRows: number[] = [];
    let healthyWhileRunning = 0;
    let final: { state: string; result?: { changes: Record<string, unknown> } } | undefined;
    for (;;) {
      await new Promise((r) => setTimeout(r, 5));
      const poll = await t.request(`/api/imports/${id}`);
      expect(poll.status).toBe(200);
      const job = (await poll.json()) as {
        state: string;
        files: { file: string; rows: number }[];
        result?: { changes: Record<string, unknown> };
      };
      if (job.state === 'succeeded' || job.state === 'failed') {
        final = job;
        break;
      }
      if (job.state === 'running') {
        seenRows.push(job.files.find((f) => f.file === 'responses.csv')!.rows);
        const health = await t.app.request('/api/health');
        expect(health.status).toBe(200);
        expect(await health.json()).toEqual({ status: 'ok', db: target });
        healthyWhileRunning++;
      }
    }
    expect(final.state).toBe('succeeded');
    expect(final.result?.changes['responses.csv']).toEqual({
      inserted: ROWS,
      updated: 0,
      unchanged: 0,
    });
    expect(healthyWhileRunning).toBeGreaterThanOrEqual(3);
    // progress moved while it ran: several distinct counts of rows read, never past the file
    expect(new Set(seenRows).size).toBeGreaterThanOrEqual(2);
    expect(Math.max(...seenRows)).toBeLessThanOrEqual(ROWS);
  });
});
