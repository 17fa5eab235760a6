import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { canReadImportJob, requireRole } from '../auth/access';
import { credentialOf } from '../auth/middleware';
import { SESSION_COOKIE } from '../auth/sessions';
import type { AppEnv } from '../context';
import { ERROR_CODES, forbidden, notFound } from '../lib/errors';
import { validate } from '../lib/validation';
import { describer, json } from '../openapi/describe';
import { ownLiveJob, readImportJob, startImportJob } from './jobs';
import { importFiles } from './service';
import { receiveUpload } from './upload';
import { RetryLater } from './write-lock';

/** A retryable refusal (503) tells the client when to come back. */
export const retryAfterHeader = createMiddleware(async (c, next) => {
  await next();
  if (c.error instanceof RetryLater) c.res.headers.set('Retry-After', String(c.error.retryAfter));
});

const changes = z.object({
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export const changesSchema = changes;
const importAnswer = z.object({
  imported: z.record(z.string(), z.number().int()),
  changes: z.record(z.string(), changes),
  dry_run: z.literal(true).optional(),
  bonus: z.array(z.looseObject({ period: z.string() })).optional(),
});

const fileProgress = z.object({
  file: z.string(),
  phase: z.enum(['queued', 'reading', 'checking', 'writing', 'done']),
  rows: z.number().int(),
  bytes: z.number().int(),
  total_bytes: z.number().int(),
  rows_per_second: z.number(),
});
/** An import job (api/src/import/jobs.ts JobView). */
const jobAnswer = z.object({
  id: z.string(),
  state: z.enum(['queued', 'running', 'succeeded', 'failed']),
  files: z.array(fileProgress),
  created_at: z.string(),
  finished_at: z.string().nullable(),
  /** at the end: the HTTP status the synchronous import answers */
  status: z.number().int().optional(),
  /** succeeded: the synchronous import's answer */
  result: importAnswer.optional(),
  /** failed: the synchronous import's error body (a rejected import adds `errors`) */
  error: z
    .looseObject({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z.unknown().optional(),
    })
    .optional(),
});

/**
 * `?dry_run=1` (or `true`): check and measure, write nothing. `?async=1` (or
 * `Prefer: respond-async`): answer 202 with a job once the upload is in.
 */
const importQuery = z.object({
  dry_run: z.string().max(10).optional(),
  async: z.string().max(10).optional(),
});
const jobParam = z.object({ id: z.string().max(100) });

const isTrue = (v: string | undefined) => v === '1' || v === 'true';

/** The caller's secret as sent: the bearer token, else the session cookie. */
function presentedSecret(c: Parameters<typeof getCookie>[0]): string | null {
  const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? getCookie(c, SESSION_COOKIE) ?? null;
}

const doc = describer('Import');

// /api/import: multipart upload of the import files (admin, or an admin token).
// ?dry_run=1 checks and measures everything and writes nothing. ?async=1 or
// `Prefer: respond-async`: 202 with a job (GET /api/imports/{id}) once the upload is in.
export const importRoutes = new Hono<AppEnv>().use(retryAfterHeader).post(
  '/',
  doc({
    summary: 'Import files (multipart, one part per file); all or nothing (admin)',
    description:
      'A rejected import is a 422 `import_rejected` with `errors` and `total_errors`. `?dry_run=1` checks and measures everything and writes nothing. `?async=1` or `Prefer: respond-async` answers 202 with a job (`Location: /api/imports/{id}`) once the upload is in.',
    requestBody: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: { type: 'object', additionalProperties: { type: 'string', format: 'binary' } },
        },
      },
    },
    responses: {
      200: json(importAnswer),
      202: json(jobAnswer.extend({ href: z.string() }), 'Queued: poll href'),
    },
  }),
  validate('query', importQuery),
  async (c) => {
    requireRole(c.var.principal, 'admin');
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((v, k) => {
      headers[k] = v;
    });
    const q = c.req.valid('query');
    const preferAsync = /(^|[,;\s])respond-async\b/i.test(c.req.header('prefer') ?? '');
    const upload = await receiveUpload(c.req.raw.body as never, headers);
    const { database, reportingCurrency, metrics, logger } = c.var.deps;
    const options = {
      actor: c.var.principal.label,
      reportingCurrency,
      dryRun: isTrue(q.dry_run),
    };
    if (preferAsync || isTrue(q.async)) {
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
      const result = await metrics.countImport(() =>
        importFiles(database.db, upload.files, options),
      );
      return c.json(result, 200);
    } finally {
      await upload.cleanup();
    }
  },
);

const FOREIGN_JOB = 'An import job is read by the admin who queued it and by admins';

// /api/imports/{id}: an import job's state and progress, for who queued it and admins.
// Mounted before the authentication middleware: a poll with the credential that queued
// a running job is answered from memory (PGlite is held by the import until it ends).
export const importJobRoutes = new Hono<AppEnv>().get(
  '/:id',
  describer('Import')({
    summary: 'An import job: state, per-file progress, and at the end the import’s answer',
    responses: { 200: json(jobAnswer) },
  }),
  validate('param', jobParam),
  async (c) => {
    const id = c.req.valid('param').id;
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
  },
);
