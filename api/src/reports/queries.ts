import { type Executor, queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import type { ResolvedScope } from '../lib/scope';

const UTC_ISO = (column: string) =>
  sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

/**
 * How fresh the data is: the latest instant recorded in it (a survey answer, a complaint
 * opened, responded to or resolved, a recovery action). Null on an empty database.
 */
export async function dataAsOf(db: Executor): Promise<string | null> {
  const [row] = await queryRows<{ at: string | null }>(
    db,
    sql`select ${UTC_ISO('t.at')} as at from (select greatest(
          (select max(responded_at) from responses),
          (select max(greatest(opened_at, first_response_at, resolved_at)) from complaints),
          (select max(performed_at) from recovery_actions)) as at) t`,
  );
  return row?.at ?? null;
}

/** The name people know a scope by (segment or employee name); null for the company. */
export async function scopeName(db: Executor, scope: ResolvedScope): Promise<string | null> {
  if (scope.kind === 'company' || scope.dbId === null) return null;
  const rows = await queryRows<{ name: string }>(
    db,
    scope.kind === 'segment'
      ? sql`select name from segments where id = ${scope.dbId}`
      : sql`select name from employees where id = ${scope.dbId}`,
  );
  return rows[0]?.name ?? null;
}
