import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { requireRole } from '../auth/access';
import type { AppEnv } from '../context';
import { importFiles } from './service';
import { receiveUpload } from './upload';
import { RetryLater } from './write-lock';

/** A retryable refusal (503) tells the client when to come back. */
export const retryAfterHeader = createMiddleware(async (c, next) => {
  await next();
  if (c.error instanceof RetryLater) c.res.headers.set('Retry-After', String(c.error.retryAfter));
});

const isTrue = (v: string | undefined) => v === '1' || v === 'true';

// /api/import: multipart upload of the import files (admin, or an admin token).
// ?dry_run=1 checks and measures everything and writes nothing.
export const importRoutes = new Hono<AppEnv>().use(retryAfterHeader).post('/', async (c) => {
  requireRole(c.var.principal, 'admin');
  const headers: Record<string, string> = {};
  c.req.raw.headers.forEach((v, k) => {
    headers[k] = v;
  });
  const upload = await receiveUpload(c.req.raw.body as never, headers);
  try {
    const { database, reportingCurrency, metrics } = c.var.deps;
    const result = await metrics.countImport(() =>
      importFiles(database.db, upload.files, {
        actor: c.var.principal.label,
        reportingCurrency,
        dryRun: isTrue(c.req.query('dry_run')),
      }),
    );
    return c.json(result, 200);
  } finally {
    await upload.cleanup();
  }
});
