import { type Executor, queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../auth/access';
import type { AppEnv } from '../context';
import { validate } from '../lib/validation';

const auditQuery = z.object({
  /** exact action (`plan.update`) or a prefix ending in `.` (`plan.`) */
  action: z.string().min(1).optional(),
  entity: z.string().min(1).optional(),
  actor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** keyset paging: entries with a smaller id (the `next_before` of the previous page) */
  before: z.coerce.number().int().min(1).optional(),
});
type AuditQuery = z.infer<typeof auditQuery>;

export interface AuditEntryRow extends Record<string, unknown> {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  before: unknown;
  after: unknown;
}

const parseJson = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

/** Newest first, filtered, one page; `next_before` continues (null on the last page). */
export async function auditPage(db: Executor, q: AuditQuery) {
  const action = q.action?.endsWith('.')
    ? sql`and action like ${`${q.action.replace(/[%_\\]/g, '\\$&')}%`}`
    : q.action
      ? sql`and action = ${q.action}`
      : sql``;
  const rows = await queryRows<AuditEntryRow>(
    db,
    sql`select id::int as id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
          actor, action, entity, before, after
        from audit_log
        where true ${action}
          ${q.entity ? sql`and entity = ${q.entity}` : sql``}
          ${q.actor ? sql`and actor = ${q.actor}` : sql``}
          ${q.before ? sql`and id < ${q.before}` : sql``}
        order by id desc
        limit ${q.limit + 1}`,
  );
  const page = rows.slice(0, q.limit).map((r) => ({
    ...r,
    before: parseJson(r.before),
    after: parseJson(r.after),
  }));
  return { entries: page, next_before: rows.length > q.limit ? page.at(-1)!.id : null };
}

// /api/audit: the audit log (who, when, before, after), for admin and hr.
export const auditRoutes = new Hono<AppEnv>().get('/', validate('query', auditQuery), async (c) => {
  requireRole(c.var.principal, 'admin', 'hr');
  return c.json(await auditPage(c.var.deps.database.db, c.req.valid('query')));
});
