import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../auth/access';
import type { AppEnv } from '../context';
import { validate } from '../lib/validation';
import { auditPage } from './queries';

const auditQuery = z.object({
  /** exact action (`plan.update`) or a prefix ending in `.` (`plan.`) */
  action: z.string().min(1).optional(),
  entity: z.string().min(1).optional(),
  actor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** keyset paging: entries with a smaller id (the `next_before` of the previous page) */
  before: z.coerce.number().int().min(1).optional(),
});
// /api/audit: the audit log (who, when, before, after), for admin and hr.
export const auditRoutes = new Hono<AppEnv>().get('/', validate('query', auditQuery), async (c) => {
  requireRole(c.var.principal, 'admin', 'hr');
  return c.json(await auditPage(c.var.deps.database.db, c.req.valid('query')));
});
