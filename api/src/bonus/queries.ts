import { type Executor, type PeriodStatus, queryRows } from '@delight/db';
import { type SQL, sql } from 'drizzle-orm';
import { teamCondition } from '../auth/access';
import type { Period } from '../lib/period';

/** Whose bonus rows a caller may see (DESIGN.md, Access). */
export type Viewer =
  | { kind: 'all' }
  /** a segment manager: themself and the employees of the segments they manage */
  | { kind: 'team'; managerId: number }
  | { kind: 'self'; employeeId: number };

/** Rows of employees (alias e) a viewer may see. */
export function viewerFilter(viewer: Viewer): SQL {
  switch (viewer.kind) {
    case 'all':
      return sql`true`;
    case 'self':
      return sql`e.id = ${viewer.employeeId}`;
    case 'team':
      return teamCondition(viewer.managerId);
  }
}

export interface EmployeeRow extends Record<string, unknown> {
  id: number;
  external_id: string;
  name: string;
  email: string;
  role: string;
  segment: string | null;
  segment_id: number | null;
  bonus_target: string;
  currency: string;
  hired_on: string;
  left_on: string | null;
}

/**
 * One page of employees with a role in `roles` who worked at least one day of the
 * period, ordered by external id (byte order, the same on both drivers), after `after`.
 */
export function employeesPage(
  db: Executor,
  period: Period,
  roles: readonly string[],
  viewer: Viewer,
  after: string,
  limit: number,
): Promise<EmployeeRow[]> {
  if (roles.length === 0) return Promise.resolve([]);
  return queryRows<EmployeeRow>(
    db,
    sql`select e.id, e.external_id, e.name, e.email, e.role::text as role,
          s.external_id as segment, e.segment_id, e.bonus_target::text as bonus_target,
          e.currency, e.hired_on::text as hired_on, e.left_on::text as left_on
        from employees e left join segments s on s.id = e.segment_id
        where e.role::text in (${sql.join(
          roles.map((r) => sql`${r}`),
          sql`, `,
        )})
          and e.hired_on < ${period.end}::date
          and (e.left_on is null or e.left_on >= ${period.start}::date)
          and e.external_id collate "C" > ${after}
          and ${viewerFilter(viewer)}
        order by e.external_id collate "C"
        limit ${limit}`,
  );
}

export interface PeriodRow extends Record<string, unknown> {
  id: number;
  period: string;
  status: PeriodStatus;
  closed_at: string | null;
  closed_by: number | null;
  plan_versions: Record<string, string> | null;
  assumption_version_id: number | null;
  submitted_at: string | null;
  submitted_by: string | null;
  approved_at: string | null;
  approved_by: string | null;
  fingerprint: string | null;
  reopen_reason: string | null;
  reopened_at: string | null;
}

const utc = (column: string) =>
  sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as ${column}`);
const periodColumns = sql`id, period, status::text as status, ${utc('closed_at')},
  closed_by, plan_versions, assumption_version_id, ${utc('submitted_at')}, submitted_by,
  ${utc('approved_at')}, approved_by, fingerprint, reopen_reason, ${utc('reopened_at')}`;

/** The names of segments by their codes (`{S04: 'Kyiv SMB'}`), for the codes given. */
export async function segmentNames(
  db: Executor,
  codes: readonly string[],
): Promise<Record<string, string>> {
  if (codes.length === 0) return {};
  const rows = await queryRows<{ code: string; name: string }>(
    db,
    sql`select external_id as code, name from segments
        where external_id in (${sql.join(
          codes.map((c) => sql`${c}`),
          sql`, `,
        )})`,
  );
  return Object.fromEntries(rows.map((r) => [r.code, r.name]));
}

export async function periodRow(db: Executor, key: string): Promise<PeriodRow | null> {
  const rows = await queryRows<PeriodRow>(
    db,
    sql`select ${periodColumns} from bonus_periods where period = ${key}`,
  );
  return rows[0] ?? null;
}

export function periodRows(db: Executor): Promise<PeriodRow[]> {
  return queryRows<PeriodRow>(
    db,
    sql`select ${periodColumns} from bonus_periods order by period collate "C" desc`,
  );
}

/**
 * Marks an approved period closed. Returns the row id, or null when it is not approved
 * (closed before, also under a concurrent close: the period row decides).
 */
export async function markClosed(
  db: Executor,
  key: string,
  closedBy: number | null,
  planVersions: Record<string, string>,
  assumptionVersionId: number | null,
): Promise<number | null> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`insert into bonus_periods (period, status, closed_at, closed_by, plan_versions, assumption_version_id)
        values (${key}, 'closed', now(), ${closedBy}, ${JSON.stringify(planVersions)}::jsonb, ${assumptionVersionId})
        on conflict (period) do update set status = 'closed', closed_at = excluded.closed_at,
          closed_by = excluded.closed_by, plan_versions = excluded.plan_versions,
          assumption_version_id = excluded.assumption_version_id
        where bonus_periods.status = 'approved'
        returning id`,
  );
  return rows[0]?.id ?? null;
}

export async function insertSnapshot(
  db: Executor,
  periodId: number,
  position: number,
  employee: string,
  row: unknown,
): Promise<void> {
  await db.execute(
    sql`insert into bonus_snapshots (period_id, employee_external_id, position, row)
        values (${periodId}, ${employee}, ${position}, ${JSON.stringify(row)}::jsonb)`,
  );
}

/** One page of a closed period's stored rows a viewer may see, in stored order. */
export function snapshotPage(
  db: Executor,
  periodId: number,
  viewer: Viewer,
  afterPosition: number,
  limit: number,
): Promise<{ position: number; row: unknown }[]> {
  const visible =
    viewer.kind === 'all'
      ? sql`true`
      : sql`s.employee_external_id in (select e.external_id from employees e where ${viewerFilter(viewer)})`;
  return queryRows<{ position: number; row: unknown }>(
    db,
    sql`select s.position, s.row from bonus_snapshots s
        where s.period_id = ${periodId} and s.position > ${afterPosition} and ${visible}
        order by s.position limit ${limit}`,
  );
}

/**
 * KPI columns of a closed period's HR CSV, from the stored rows themselves: plans in
 * file order (their position never changes), lines in plan order, first seen first.
 */
export async function snapshotKpis(db: Executor, periodId: number): Promise<string[]> {
  const rows = await queryRows<{ kpi: string }>(
    db,
    sql`select l.value->>'kpi' as kpi
        from bonus_snapshots s
        left join bonus_plans p on p.key = s.row->>'plan'
        cross join lateral jsonb_array_elements(s.row->'lines') with ordinality as l(value, ord)
        where s.period_id = ${periodId}
        group by l.value->>'kpi'
        order by min(coalesce(p.position, 0) * 1000 + l.ord)`,
  );
  return rows.map((r) => r.kpi);
}

/** UTC date (YYYY-MM-DD) of the latest response or revenue month, null on an empty database. */
export async function latestDataDate(db: Executor): Promise<string | null> {
  const [row] = await queryRows<{ day: string | null }>(
    db,
    sql`select to_char(greatest(
          (select max(responded_at) at time zone 'UTC' from responses),
          (select max(month)::timestamp from revenue)), 'YYYY-MM-DD') as day`,
  );
  return row?.day ?? null;
}
