import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importJobsSettled, readImportDirectory } from '@delight/api/import';
import { importJobs } from '@delight/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { GOLDEN_DIR } from '../src/golden';
import { tableCounts } from '../src/tables';

/**
 * Issue 11.6: an import as a job off the request path. POST /api/import?async=1 (or
 * `Prefer: respond-async`) answers 202 with a job; GET /api/imports/{id} tells its
 * state, per-file progress and at the end the synchronous answer (result or error),
 * to who queued it and admins only; a job left by a stopped process reads as failed.
 */

// data rows of the golden files, counted independently (Python's csv module)
const GOLDEN_ROWS: Record<string, number> = {
  'employees.csv': 12,
  'segments.csv': 3,
  'customers.csv': 40,
  'fx_rates.csv': 36,
  'revenue.csv': 646,
  'responses.csv': 312,
  'complaints.csv': 33,
  'recovery_actions.csv': 23,
};

function form(files: Record<string, string | Uint8Array>): FormData {
  const f = new FormData();
  for (const [name, content] of Object.entries(files)) f.append(name, new Blob([content]), name);
  return f;
}

interface Job {
  id: string;
  state: string;
  href?: string;
  status?: number;
  result?: { imported: Record<string, number>; changes: Record<string, { inserted: number }> };
  error?: { code: string; errors?: unknown[] };
  files: { file: string; phase: string; rows: number; rows_per_second: number }[];
}

describe.each(databaseTargets())('import jobs on %s', (target) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(target);
  });
  afterAll(async () => {
    await importJobsSettled(t.db.database.db);
    await t.db.drop();
  });

  const post = (files: Record<string, string | Uint8Array>, query: string, headers = {}) =>
    t.request(`/api/import${query}`, { method: 'POST', body: form(files), headers });

  async function finished(id: string, token = t.adminToken): Promise<Job> {
    for (;;) {
      const res = await t.request(`/api/imports/${id}`, { token });
      expect(res.status).toBe(200);
      const job = (await res.json()) as Job;
      if (job.state === 'succeeded' || job.state === 'failed') return job;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('answers 202 with a job, and the job ends with the synchronous answer', async () => {
    const files = await readImportDirectory(GOLDEN_DIR);
    const res = await post(files, '?async=1');
    expect(res.status).toBe(202);
    const queued = (await res.json()) as Job;
    expect(queued.href).toBe(`/api/imports/${queued.id}`);
    expect(res.headers.get('location')).toBe(queued.href);
    expect(['queued', 'running']).toContain(queued.state);
    const job = await finished(queued.id);
    expect(job.state).toBe('succeeded');
    expect(job.status).toBe(200);
    expect(job.result?.imported).toEqual({
      ...GOLDEN_ROWS,
      'plans.json': 2,
      'assumptions.json': 1,
    });
    for (const [file, n] of Object.entries(GOLDEN_ROWS)) {
      expect({ file, inserted: job.result?.changes[file]?.inserted }).toEqual({
        file,
        inserted: n,
      });
      const progress = job.files.find((f) => f.file === file);
      expect(progress).toMatchObject({ phase: 'done', rows: n });
      expect(progress!.rows_per_second).toBeGreaterThanOrEqual(0);
    }
    expect((await tableCounts(t.db.database)).responses).toBe(GOLDEN_ROWS['responses.csv']);
  });

  it('ends a rejected import failed, with the 422 body the synchronous import gives', async () => {
    const responses = readFileSync(join(GOLDEN_DIR, 'responses.csv'), 'utf8').split('\n');
    responses[2] = responses[2]!.replace(',ces,', ',cez,');
    const bad = { 'responses.csv': responses.join('\n') };
    const sync = await post(bad, '');
    expect(sync.status).toBe(422);
    const expected = (await sync.json()) as Record<string, unknown>;
    delete expected.requestId;

    const res = await post(bad, '', { prefer: 'respond-async' });
    expect(res.status).toBe(202);
    expect(res.headers.get('preference-applied')).toBe('respond-async');
    const job = await finished(((await res.json()) as Job).id);
    expect(job.state).toBe('failed');
    expect(job.status).toBe(422);
    expect(job.error).toEqual(expected);
    expect(job.error?.code).toBe('import_rejected');
  });

  it('is read by who queued it and by admins only', async () => {
    const res = await post(
      { 'fx_rates.csv': readFileSync(join(GOLDEN_DIR, 'fx_rates.csv')) },
      '?async=1',
    );
    const { id } = (await res.json()) as Job;
    await finished(id);
    const otherAdmin = await t.tokenFor('admin');
    const executive = await t.tokenFor('executive');
    const agent = await t.tokenFor('agent', 'E006');
    const tokenRes = await t.sendJson('POST', '/api/tokens', { kind: 'ingest', name: 'feed' });
    const ingest = ((await tokenRes.json()) as { token: string }).token;
    const status = async (token: string) =>
      (await t.request(`/api/imports/${id}`, { token })).status;
    expect(await status(t.adminToken)).toBe(200); // own
    expect(await status(otherAdmin)).toBe(200); // an admin
    expect(await status(executive)).toBe(403); // foreign
    expect(await status(agent)).toBe(403);
    expect((await t.request(`/api/imports/${randomUUID()}`, { token: agent })).status).toBe(403);
    expect(await status(ingest)).toBe(403);
    expect((await t.app.request(`/api/imports/${id}`)).status).toBe(401); // no credential
    expect((await t.request(`/api/imports/${randomUUID()}`)).status).toBe(404);
    // and only admins queue jobs
    const refused = await t.request('/api/import?async=1', {
      method: 'POST',
      body: form({ 'fx_rates.csv': 'month,currency,rate\n' }),
      token: executive,
    });
    expect(refused.status).toBe(403);
  });

  it('reports a job its stopped process left queued or running as failed', async () => {
    const db = t.db.database.db;
    const principal = { kind: 'token', id: 1 };
    const id = randomUUID();
    await db.insert(importJobs).values({
      id,
      ownerKind: principal.kind,
      ownerId: principal.id,
      state: 'running',
      instance: '999999:gone',
      heartbeatAt: sql`now() - interval '2 minutes'`,
    });
    const res = await t.request(`/api/imports/${id}`);
    expect(res.status).toBe(200);
    const job = (await res.json()) as Job;
    expect(job.state).toBe('failed');
    expect(job.status).toBe(503);
    expect(job.error?.code).toBe('import_interrupted');
    // stored: the next read says the same without deciding again
    const [row] = await db.select().from(importJobs).where(sql`id = ${id}`);
    expect(row!.state).toBe('failed');
  });
});
