import {
  complaints,
  customers,
  type Db,
  type Executor,
  employees,
  fxRates,
  queryRows,
  recoveryActions,
  responses,
  revenue,
  segments,
} from '@delight/db';
import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

/** external_id → id of every row of a keyed table (employees, segments, customers). */
export async function idMap(
  db: Executor,
  table: 'employees' | 'segments' | 'customers',
): Promise<Map<string, number>> {
  const rows = await queryRows<{ id: number; external_id: string }>(
    db,
    sql`select id, external_id from ${sql.identifier(table)}`,
  );
  return new Map(rows.map((r) => [r.external_id, r.id]));
}

/** external_id → id of the complaints among `ids` that exist. */
export async function complaintIds(db: Executor, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: number; external_id: string }>(
    db,
    sql`select id, external_id from complaints where external_id in ${sql`(${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})`}`,
  );
  return new Map(rows.map((r) => [r.external_id, r.id]));
}

/** Keys `YYYY-MM-01|CUR` of the FX rates already stored. */
export async function fxKeys(db: Executor): Promise<Set<string>> {
  const rows = await queryRows<{ k: string }>(
    db,
    sql`select to_char(month, 'YYYY-MM-DD') || '|' || currency as k from fx_rates`,
  );
  return new Set(rows.map((r) => r.k));
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
}

const BATCH = 1000;

/**
 * Batched `insert … on conflict do update` that only rewrites rows whose values
 * changed (so a re-import is a no-op) and counts inserts vs updates via `xmax = 0`.
 */
async function upsert<T extends PgTable>(
  db: Executor,
  table: T,
  target: PgColumn | PgColumn[],
  values: T['$inferInsert'][],
  updateColumns: PgColumn[],
  onBatch?: (done: number) => void,
): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0 };
  const set: Record<string, SQL> = {};
  for (const col of updateColumns) set[col.name] = sql.raw(`excluded."${col.name}"`);
  const changed = sql.join(
    updateColumns.map(
      (col) =>
        sql`${table}.${sql.identifier(col.name)} is distinct from excluded.${sql.identifier(col.name)}`,
    ),
    sql` or `,
  );
  for (let i = 0; i < values.length; i += BATCH) {
    const chunk = values.slice(i, i + BATCH);
    const rows = (await (db as Db)
      .insert(table)
      .values(chunk as never)
      .onConflictDoUpdate({ target, set: set as never, setWhere: changed })
      .returning({ inserted: sql<boolean>`(xmax = 0)` })) as { inserted: boolean }[];
    for (const r of rows) {
      if (r.inserted) counts.inserted++;
      else counts.updated++;
    }
    onBatch?.(Math.min(i + BATCH, values.length));
  }
  return counts;
}

type Progress = ((done: number) => void) | undefined;

export const upsertEmployees = (db: Executor, v: (typeof employees.$inferInsert)[], p?: Progress) =>
  // segment_id is written after segments exist (they reference each other)
  upsert(
    db,
    employees,
    employees.externalId,
    v,
    [
      employees.name,
      employees.email,
      employees.role,
      employees.bonusTarget,
      employees.currency,
      employees.hiredOn,
      employees.leftOn,
    ],
    p,
  );

export const upsertSegments = (db: Executor, v: (typeof segments.$inferInsert)[], p?: Progress) =>
  upsert(db, segments, segments.externalId, v, [segments.name, segments.managerId], p);

/** Points employees at their segments; returns how many changed. */
export async function setEmployeeSegments(
  db: Executor,
  pairs: { employeeId: number; segmentId: number | null }[],
): Promise<number> {
  let changed = 0;
  for (let i = 0; i < pairs.length; i += BATCH) {
    const chunk = pairs.slice(i, i + BATCH);
    const values = sql.join(
      chunk.map((p) => sql`(${p.employeeId}::int, ${p.segmentId}::int)`),
      sql`, `,
    );
    const rows = await queryRows<{ id: number }>(
      db,
      sql`update employees e set segment_id = v.segment_id
          from (values ${values}) as v(id, segment_id)
          where e.id = v.id and e.segment_id is distinct from v.segment_id
          returning e.id`,
    );
    changed += rows.length;
  }
  return changed;
}

export const upsertCustomers = (db: Executor, v: (typeof customers.$inferInsert)[], p?: Progress) =>
  upsert(
    db,
    customers,
    customers.externalId,
    v,
    [
      customers.name,
      customers.segmentId,
      customers.accountManagerId,
      customers.acquiredOn,
      customers.churnedOn,
    ],
    p,
  );

export const upsertFxRates = (db: Executor, v: (typeof fxRates.$inferInsert)[], p?: Progress) =>
  upsert(db, fxRates, [fxRates.month, fxRates.currency], v, [fxRates.rate], p);

export const upsertRevenue = (db: Executor, v: (typeof revenue.$inferInsert)[], p?: Progress) =>
  upsert(
    db,
    revenue,
    [revenue.customerId, revenue.month],
    v,
    [revenue.amount, revenue.currency],
    p,
  );

export const upsertResponses = (db: Executor, v: (typeof responses.$inferInsert)[], p?: Progress) =>
  upsert(
    db,
    responses,
    responses.externalId,
    v,
    [
      responses.customerId,
      responses.employeeId,
      responses.kind,
      responses.score,
      responses.respondedAt,
      responses.comment,
    ],
    p,
  );

export const upsertComplaints = (
  db: Executor,
  v: (typeof complaints.$inferInsert)[],
  p?: Progress,
) =>
  upsert(
    db,
    complaints,
    complaints.externalId,
    v,
    [
      complaints.customerId,
      complaints.employeeId,
      complaints.openedAt,
      complaints.firstResponseAt,
      complaints.resolvedAt,
      complaints.validity,
      complaints.severity,
      complaints.followUpAt,
    ],
    p,
  );

export const upsertRecoveryActions = (
  db: Executor,
  v: (typeof recoveryActions.$inferInsert)[],
  p?: Progress,
) =>
  upsert(
    db,
    recoveryActions,
    recoveryActions.externalId,
    v,
    [
      recoveryActions.complaintId,
      recoveryActions.kind,
      recoveryActions.cost,
      recoveryActions.currency,
      recoveryActions.performedAt,
      recoveryActions.employeeId,
    ],
    p,
  );
