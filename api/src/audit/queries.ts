import { type Executor, queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';

/** Filters of the audit log page (validated by the route). */
export interface AuditQuery {
  /** exact action (`plan.update`) or a prefix ending in `.` (`plan.`) */
  action?: string | undefined;
  entity?: string | undefined;
  actor?: string | undefined;
  limit: number;
  /** keyset paging: entries with a smaller id */
  before?: number | undefined;
}

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
