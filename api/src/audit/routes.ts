import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../auth/access';
import type { AppEnv } from '../context';
import { validate } from '../lib/validation';
import { describer, json } from '../openapi/describe';
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
const auditAnswer = z.object({
  entries: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      actor: z.string(),
      action: z.string(),
      entity: z.string(),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
  next_before: z.number().int().nullable(),
});

// /api/audit: the audit log (who, when, before, after), for admin and hr.
export const auditRoutes = new Hono<AppEnv>().get(
  '/',
  describer('Audit')({
    summary: 'The audit log, newest first (admin, hr)',
    responses: { 200: json(auditAnswer) },
  }),
  validate('query', auditQuery),
  async (c) => {
    requireRole(c.var.principal, 'admin', 'hr');
    return c.json(await auditPage(c.var.deps.database.db, c.req.valid('query')));
  },
);
