import type { Db } from '@delight/db';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../auth/access';
import type { AppEnv } from '../context';
import { badRequest } from '../lib/errors';
import { validate } from '../lib/validation';
import { createPlanVersion, listPlans, replacePlanVersion } from './service';

const versionParams = z.object({
  key: z.string().min(1),
  validFrom: z.iso.date('valid_from must be a date YYYY-MM-DD'),
});

/** The body as JSON, 400 when it is not JSON at all (a bad plan is a 422 later). */
async function jsonBody(req: { json(): Promise<unknown> }): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw badRequest('The body must be JSON');
  }
}

// /api/plans: versioned bonus plans. Admin edits; hr reads (it runs the bonus).
export const planRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    requireRole(c.var.principal, 'admin', 'hr');
    return c.json({ plans: await listPlans(c.var.deps.database.db) });
  })
  .post('/', async (c) => {
    requireRole(c.var.principal, 'admin');
    const body = await jsonBody(c.req);
    const db = c.var.deps.database.db as Db;
    const plan = await createPlanVersion(db, body, c.var.principal.label);
    return c.json({ result: 'created' as const, plan }, 201);
  })
  .put('/:key/:validFrom', validate('param', versionParams), async (c) => {
    requireRole(c.var.principal, 'admin');
    const { key, validFrom } = c.req.valid('param');
    const body = await jsonBody(c.req);
    const db = c.var.deps.database.db as Db;
    const result = await replacePlanVersion(db, key, validFrom, body, c.var.principal.label);
    return c.json(result);
  });
