import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { canReadImportJob, requireRole } from '../auth/access';
import { credentialOf } from '../auth/middleware';
import { SESSION_COOKIE } from '../auth/sessions';
import type { AppEnv } from '../context';
import { forbidden, notFound } from '../lib/errors';
import { ownLiveJob, readImportJob, startImportJob } from './jobs';
import { importFiles } from './service';
import { receiveUpload } from './upload';
import { RetryLater } from './write-lock';

/** A retryable refusal (503) tells the client when to come back. */
export const retryAfterHeader = createMiddleware(async (c, next) => {
  await next();
  if (c.error instanceof RetryLater) c.res.headers.set('Retry-After', String(c.error.retryAfter));
});

const isTrue = (v: string | undefined) => v === '1' || v === 'true';

/** The caller's secret as sent: the bearer token, else the session cookie. */
function presentedSecret(c: Parameters<typeof getCookie>[0]): string | null {
  const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? getCookie(c, SESSION_COOKIE) ?? null;
}

// /api/import: multipart upload of the import files (admin, or an admin token).
// ?dry_run=1 checks and measures everything and writes nothing. ?async=1 or
// `Prefer: respond-async`: 202 with a job (GET /api/imports/{id}) once the upload is in.
export const importRoutes = new Hono<AppEnv>().use(retryAfterHeader).post('/', async (c) => {
  requireRole(c.var.principal, 'admin');
  const headers: Record<string, string> = {};
  c.req.raw.headers.forEach((v, k) => {
    headers[k] = v;
  });
  const preferAsync = /(^|[,;\s])respond-async\b/i.test(c.req.header('prefer') ?? '');
  const upload = await receiveUpload(c.req.raw.body as never, headers);
  const { database, reportingCurrency, metrics, logger } = c.var.deps;
  const options = {
    actor: c.var.principal.label,
    reportingCurrency,
    dryRun: isTrue(c.req.query('dry_run')),
  };
  if (preferAsync || isTrue(c.req.query('async'))) {
    let job: Awaited<ReturnType<typeof startImportJob>>;
    try {
      job = await startImportJob({
        database,
        principal: c.var.principal,
        credential: presentedSecret(c),
        upload,
        options,
        metrics,
        logger,
      });
    } catch (err) {
      await upload.cleanup();
      throw err;
    }
    const href = `/api/imports/${job.id}`;
    c.header('Location', href);
    if (preferAsync) c.header('Preference-Applied', 'respond-async');
    return c.json({ ...job, href }, 202);
  }
  try {
    const result = await metrics.countImport(() => importFiles(database.db, upload.files, options));
    return c.json(result, 200);
  } finally {
    await upload.cleanup();
  }
});

const FOREIGN_JOB = 'An import job is read by the admin who queued it and by admins';

// /api/imports/{id}: an import job's state and progress, for who queued it and admins.
// Mounted before the authentication middleware: a poll with the credential that queued
// a running job is answered from memory (PGlite is held by the import until it ends).
export const importJobRoutes = new Hono<AppEnv>().get('/:id', async (c) => {
  const id = c.req.param('id');
  const { database } = c.var.deps;
  const own = ownLiveJob(database.db, id, presentedSecret(c));
  if (own) return c.json(own, 200);
  const { principal } = await credentialOf(c);
  if (principal.ingestOnly) {
    throw forbidden('An ingest token can only send data to POST /api/ingest/…; it reads nothing');
  }
  const job = await readImportJob(database, id);
  if (job && !canReadImportJob(principal, job.owner)) throw forbidden(FOREIGN_JOB);
  if (!job) {
    if (principal.role !== 'admin') throw forbidden(FOREIGN_JOB);
    throw notFound(`No import job ${id}`);
  }
  return c.json(job.view, 200);
});
