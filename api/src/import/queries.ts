import {
  type CopyRows,
  type CopyValue,
  complaints,
  copyRowsFor,
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
import { getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
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
/** From this many rows, a PostgreSQL server loads through COPY and one set-based upsert. */
export const COPY_MIN_ROWS = 5000;

/**
 * Upsert that only rewrites rows whose values changed (so a re-import is a no-op)
 * and counts inserts vs updates via `xmax = 0`. Small loads are batched
 * `insert … on conflict do update`; large ones on a server are COPYed into a temp
 * table first, which is many times faster than multi-row INSERTs.
 */
async function upsert<T extends PgTable>(
  db: Executor,
  table: T,
  target: PgColumn | PgColumn[],
  values: T['$inferInsert'][],
  updateColumns: PgColumn[],
  onBatch?: (done: number) => void,
): Promise<UpsertCounts> {
  const changed = sql.join(
    updateColumns.map(
      (col) =>
        sql`${table}.${sql.identifier(col.name)} is distinct from excluded.${sql.identifier(col.name)}`,
    ),
    sql` or `,
  );
  const copy = values.length >= COPY_MIN_ROWS ? copyRowsFor(db) : null;
  if (copy) return upsertByCopy(db, copy, table, target, values, updateColumns, changed, onBatch);

  const counts: UpsertCounts = { inserted: 0, updated: 0 };
  const set: Record<string, SQL> = {};
  for (const col of updateColumns) set[col.name] = sql.raw(`excluded."${col.name}"`);
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

async function upsertByCopy<T extends PgTable>(
  db: Executor,
  copy: CopyRows,
  table: T,
  target: PgColumn | PgColumn[],
  values: T['$inferInsert'][],
  updateColumns: PgColumn[],
  changed: SQL,
  onBatch?: (done: number) => void,
): Promise<UpsertCounts> {
  const byKey = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(values[0] as object).filter((k) => byKey[k]);
  const names = keys.map((k) => byKey[k]!.name);
  const columnList = sql.join(
    names.map((n) => sql.identifier(n)),
    sql`, `,
  );
  const staging = `import_${getTableName(table)}`;
  await db.execute(
    sql`create temp table ${sql.identifier(staging)} on commit drop as
        select ${columnList} from ${table} with no data`,
  );
  await copy(
    staging,
    names,
    (function* () {
      for (const v of values) yield keys.map((k) => (v as Record<string, CopyValue>)[k] ?? null);
    })(),
    onBatch,
  );
  const conflict = sql.join(
    (Array.isArray(target) ? target : [target]).map((c) => sql.identifier(c.name)),
    sql`, `,
  );
  const set = sql.join(
    updateColumns.map((c) => sql`${sql.identifier(c.name)} = excluded.${sql.identifier(c.name)}`),
    sql`, `,
  );
  const [counts] = await queryRows<{ inserted: number; updated: number }>(
    db,
    sql`with up as (
          insert into ${table} (${columnList})
          select ${columnList} from ${sql.identifier(staging)}
          on conflict (${conflict}) do update set ${set} where ${changed}
          returning (xmax = 0) as ins)
        select count(*) filter (where ins)::int as inserted,
               count(*) filter (where not ins)::int as updated
        from up`,
  );
  await db.execute(sql`drop table ${sql.identifier(staging)}`);
  return counts!;
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
