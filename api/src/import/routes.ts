import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requireRole } from '../auth/access';
import type { AppEnv } from '../context';
import { AppError, badRequest } from '../lib/errors';
import { IMPORT_FILES } from './rows';
import { type ImportFiles, importFiles } from './service';

/** Uploads bigger than this are refused before they are read (413). */
export const IMPORT_MAX_BYTES = 100 * 1024 * 1024;

const known = new Set<string>(IMPORT_FILES);

// /api/import: multipart upload of the DESIGN.md import files (admin, or an admin token).
export const importRoutes = new Hono<AppEnv>().post(
  '/',
  bodyLimit({
    maxSize: IMPORT_MAX_BYTES,
    onError: () => {
      throw new AppError(
        413,
        'payload_too_large',
        `An import may be at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB`,
      );
    },
  }),
  async (c) => {
    requireRole(c.var.principal, 'admin');
    if (!c.req.header('content-type')?.startsWith('multipart/form-data')) {
      throw badRequest(
        'Send the files as multipart/form-data, one part per file named like employees.csv',
      );
    }
    const body = await c.req.parseBody({ all: true });
    const files: ImportFiles = {};
    for (const [field, value] of Object.entries(body)) {
      for (const part of Array.isArray(value) ? value : [value]) {
        if (typeof part === 'string') continue;
        // the file's own name decides what it is; the field name is the fallback
        const name = known.has(part.name) ? part.name : field;
        if (known.has(name)) files[name] = new Uint8Array(await part.arrayBuffer());
      }
    }
    if (Object.keys(files).length === 0) {
      throw badRequest(`No import file in the upload; expected any of ${IMPORT_FILES.join(', ')}`);
    }
    const { database, reportingCurrency, metrics } = c.var.deps;
    const result = await metrics.countImport(() =>
      importFiles(database.db, files, { actor: c.var.principal.label, reportingCurrency }),
    );
    return c.json(result, 200);
  },
);
