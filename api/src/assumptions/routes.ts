import { Hono } from 'hono';
import { requireRole } from '../auth/access';
import type { AppEnv } from '../context';
import { badRequest, unprocessable } from '../lib/errors';
import { assumptionsFileSchema } from './schema';
import { assumptionsOverview, updateAssumptions } from './service';

// /api/assumptions: versioned money assumptions (admin edits).
export const assumptionRoutes = new Hono<AppEnv>()
  // Readable by every signed-in role: the values are shown beside every money figure.
  .get('/', async (c) => c.json(await assumptionsOverview(c.var.deps.database.db)))
  .put('/', async (c) => {
    requireRole(c.var.principal, 'admin');
    const body: unknown = await c.req.json().catch(() => {
      throw badRequest('The body must be a JSON object of assumption values');
    });
    // 422 with every problem at once, so the admin fixes the form in one go
    const parsed = assumptionsFileSchema.safeParse(body);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => ({
        path: i.path.join('.'),
        message: i.message,
      }));
      throw unprocessable(
        `Assumptions rejected: ${problems.map((p) => `${p.path || 'body'}: ${p.message}`).join('; ')}`,
        problems,
      );
    }
    const { valid_from, ...values } = parsed.data;
    return c.json(
      await updateAssumptions(c.var.deps.database.db, c.var.principal, values, valid_from),
    );
  });
