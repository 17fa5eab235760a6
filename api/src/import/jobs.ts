import { createHash, randomUUID } from 'node:crypto';
import { type Database, type Db, importJobs, unavailability } from '@delight/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Principal } from '../auth/principal';
import { DomainError, databaseUnavailable, errorBody, isDomainError } from '../lib/errors';
import { httpStatusOf } from '../lib/http-errors';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { fileOrder } from './files';
import { type ImportOptions, type ImportProgress, type ImportResult, importFiles } from './service';
import { contentSize } from './source';
import type { Upload } from './upload';

/**
 * Imports as jobs, off the request path (issue 11.6): POST /api/import?async=1 (or
 * `Prefer: respond-async`) answers 202 with the job's id once the upload is on disk;
 * the import runs in the background and GET /api/imports/{id} tells its state,
 * per-file progress and, at the end, the answer the synchronous import gives.
 *
 * The job's row (import_jobs) is written when it is queued and when it ends, so the
 * answer outlives the process. Progress is kept here, in the process that runs the job
 * (on a server it is also copied into the row with every heartbeat, so another replica
 * can show it); a job whose process is gone is reported failed, never running forever.
 */

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed';

export interface FileProgress {
  file: string;
  /** queued (not reached yet), reading, checking, writing, done */
  phase: 'queued' | ImportProgress['phase'] | 'done';
  /** rows read so far */
  rows: number;
  bytes: number;
  total_bytes: number;
  /** rows read per second while the file was read */
  rows_per_second: number;
}

export interface JobView {
  id: string;
  state: JobState;
  files: FileProgress[];
  created_at: string;
  finished_at: string | null;
  /** at the end: the HTTP status the synchronous import answers */
  status?: number;
  /** succeeded: the synchronous import's answer */
  result?: unknown;
  /** failed: the synchronous import's error body */
  error?: unknown;
}

/** This process, as the `instance` of the jobs it runs. */
const INSTANCE = `${process.pid}:${randomUUID()}`;
/** How often a running job touches its row on a server, and when a silent one counts as gone. */
const HEARTBEAT_MS = 5_000;
const GONE_AFTER_MS = 30_000;

interface LiveJob {
  id: string;
  owner: { kind: Principal['kind']; id: number };
  /** hash of the credential that queued it (see credentialKey) */
  credential: string | null;
  state: JobState;
  files: Map<string, FileProgress & { startedAt: number | null }>;
  createdAt: string;
  /** when it last reported progress (ms) */
  activeAt: number;
  done: Promise<void>;
}

const live = new WeakMap<Db, Map<string, LiveJob>>();
const jobsOf = (db: Db) => {
  let jobs = live.get(db);
  if (!jobs) {
    jobs = new Map();
    live.set(db, jobs);
  }
  return jobs;
};

/** A credential (bearer token or session cookie) as kept beside a job: its hash. */
export const credentialKey = (secret: string | undefined | null) =>
  secret ? createHash('sha256').update(secret).digest('hex') : null;

const publicFiles = (job: LiveJob): FileProgress[] =>
  [...job.files.values()].map(({ startedAt: _, ...f }) => f);

/** The synchronous import's status and body for what it threw. */
export function failureOf(err: unknown, logger?: Logger): { status: number; body: unknown } {
  const down = isDomainError(err) ? null : unavailability(err);
  const error = down ? databaseUnavailable(down, err) : err;
  if (isDomainError(error)) return { status: httpStatusOf(error.code), body: errorBody(error) };
  logger?.error({ err: error }, 'import job failed unexpectedly');
  return { status: 500, body: { code: 'internal', message: 'Internal server error' } };
}

export interface StartJob {
  database: Database;
  principal: Principal;
  /** the caller's credential, so its own polls need no database (see readImportJob) */
  credential: string | null;
  upload: Upload;
  options: ImportOptions;
  metrics: Metrics;
  logger?: Logger;
}

/** Queues an import job and starts it; answers its view (queued). */
export async function startImportJob(start: StartJob): Promise<JobView> {
  const { database, principal, upload } = start;
  const db = database.db;
  const id = randomUUID();
  const names = Object.keys(upload.files).sort((a, b) => fileOrder(a) - fileOrder(b));
  const files = new Map<string, FileProgress & { startedAt: number | null }>();
  for (const file of names) {
    const content = upload.files[file];
    const size = content === undefined ? 0 : await contentSize(content);
    files.set(file, {
      file,
      phase: 'queued',
      rows: 0,
      bytes: 0,
      total_bytes: size,
      rows_per_second: 0,
      startedAt: null,
    });
  }
  // finished jobs are kept 30 days
  await db.delete(importJobs).where(sql`${importJobs.finishedAt} < now() - interval '30 days'`);
  const [row] = await db
    .insert(importJobs)
    .values({
      id,
      ownerKind: principal.kind,
      ownerId: principal.id,
      state: 'queued',
      instance: INSTANCE,
      files: [...files.values()].map(({ startedAt: _, ...f }) => f),
    })
    .returning({ createdAt: importJobs.createdAt });
  const job: LiveJob = {
    id,
    owner: { kind: principal.kind, id: principal.id },
    credential: credentialKey(start.credential),
    state: 'queued',
    files,
    createdAt: row!.createdAt,
    activeAt: Date.now(),
    done: Promise.resolve(),
  };
  jobsOf(db).set(id, job);
  job.done = runJob(start, job);
  return viewOfLive(job);
}

function onProgress(job: LiveJob) {
  return (p: ImportProgress) => {
    const now = Date.now();
    job.state = 'running';
    job.activeAt = now;
    const f = job.files.get(p.file);
    if (!f) return;
    if (p.phase === 'reading') {
      f.startedAt ??= now;
      const seconds = (now - f.startedAt) / 1000;
      f.rows = p.rows;
      f.rows_per_second = seconds > 0 ? Math.round(p.rows / seconds) : 0;
    } else {
      f.rows = p.rows;
    }
    f.phase = p.phase;
    f.bytes = p.bytes;
    f.total_bytes = p.totalBytes;
  };
}

async function runJob(start: StartJob, job: LiveJob): Promise<void> {
  const { database, upload, options, metrics, logger } = start;
  const db = database.db;
  // A server's row gets a heartbeat (with the progress) from the pool, beside the
  // import's transaction; PGlite has one connection, which the import holds, and one
  // process only, so its jobs need none.
  const heartbeat =
    database.kind === 'postgres'
      ? setInterval(() => {
          db.update(importJobs)
            .set({
              heartbeatAt: sql`now()`,
              state: job.state,
              files: publicFiles(job),
            })
            .where(and(eq(importJobs.id, job.id), inArray(importJobs.state, ['queued', 'running'])))
            .catch(() => {});
        }, HEARTBEAT_MS)
      : null;
  heartbeat?.unref();
  let outcome: { state: JobState; status: number; body: unknown };
  // off the request path: the answer of the POST goes out first
  await new Promise((r) => setImmediate(r));
  try {
    const result: ImportResult = await metrics.countImport(() =>
      importFiles(db, upload.files, { ...options, onProgress: onProgress(job) }),
    );
    outcome = { state: 'succeeded', status: 200, body: result };
    for (const f of job.files.values()) {
      f.phase = 'done';
      f.bytes = f.total_bytes;
      const n = result.imported[f.file];
      if (n !== undefined) f.rows = n;
    }
  } catch (err) {
    outcome = { state: 'failed', ...failureOf(err, logger) };
  } finally {
    if (heartbeat) clearInterval(heartbeat);
    await upload.cleanup().catch(() => {});
  }
  try {
    await db
      .update(importJobs)
      .set({
        state: outcome.state,
        status: outcome.status,
        body: outcome.body,
        files: publicFiles(job),
        finishedAt: sql`now()`,
        heartbeatAt: sql`now()`,
      })
      .where(eq(importJobs.id, job.id));
  } catch (err) {
    // the database is gone: the row stays queued or running and reads as interrupted
    logger?.error({ err }, 'import job: its outcome could not be stored');
  } finally {
    jobsOf(db).delete(job.id);
  }
}

function viewOfLive(job: LiveJob): JobView {
  return {
    id: job.id,
    state: job.state,
    files: publicFiles(job),
    created_at: job.createdAt,
    finished_at: null,
  };
}

/**
 * A running job's view for a poll with the credential that queued it, answered from
 * this process without a query: an embedded PGlite is held by the import's transaction
 * until the end, and the poll must not wait for it. Null otherwise (ask readImportJob).
 */
export function ownLiveJob(db: Db, id: string, credential: string | null): JobView | null {
  const job = jobsOf(db).get(id);
  const key = credentialKey(credential);
  if (!job || key === null || job.credential !== key) return null;
  return viewOfLive(job);
}

const INTERRUPTED = {
  status: httpStatusOf('import_interrupted'),
  body: errorBody(
    new DomainError(
      'import_interrupted',
      'The import was interrupted (its server stopped) before it finished; nothing was written. Import the files again.',
    ),
  ),
};

/** A job and its owner, or null when there is no such job. */
export async function readImportJob(
  database: Database,
  id: string,
): Promise<{ owner: { kind: string; id: number }; view: JobView } | null> {
  const db = database.db;
  const running = jobsOf(db).get(id);
  if (running) return { owner: running.owner, view: viewOfLive(running) };
  const [row] = await db.select().from(importJobs).where(eq(importJobs.id, id));
  if (!row) return null;
  const owner = { kind: row.ownerKind, id: row.ownerId };
  let { state, status, body, finishedAt } = row;
  if (state === 'queued' || state === 'running') {
    // not running here: a PGlite's jobs all run in this process (one process opens it);
    // a server's in another replica while its heartbeat is fresh
    const silentMs = Date.now() - Date.parse(row.heartbeatAt);
    const gone =
      database.kind === 'pglite' || row.instance === INSTANCE || silentMs > GONE_AFTER_MS;
    if (gone) {
      const [failed] = await db
        .update(importJobs)
        .set({ state: 'failed', ...INTERRUPTED, finishedAt: sql`now()` })
        .where(and(eq(importJobs.id, id), inArray(importJobs.state, ['queued', 'running'])))
        .returning();
      const now = failed ?? (await db.select().from(importJobs).where(eq(importJobs.id, id)))[0]!;
      ({ state, status, body, finishedAt } = now);
    }
  }
  const view: JobView = {
    id: row.id,
    state: state as JobState,
    files: row.files as FileProgress[],
    created_at: row.createdAt,
    finished_at: finishedAt,
  };
  if (status !== null) view.status = status;
  if (state === 'succeeded') view.result = body;
  if (state === 'failed') view.error = body;
  return { owner, view };
}

/**
 * Whether an import job of this process is running on this database and made progress
 * in the last minute: on PGlite its transaction holds the one connection, so a probe
 * would wait for it, while the database is evidently alive.
 */
export function importJobIsActive(db: Db): boolean {
  for (const job of jobsOf(db).values()) {
    if (job.state === 'running' && Date.now() - job.activeAt < 60_000) return true;
  }
  return false;
}

/** Resolves when every job of this process on the database has ended (tests, shutdown). */
export async function importJobsSettled(db: Db): Promise<void> {
  await Promise.all([...jobsOf(db).values()].map((j) => j.done));
}
