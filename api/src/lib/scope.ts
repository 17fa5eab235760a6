import { type Executor, queryRows } from '@delight/db';
import { type SQL, sql } from 'drizzle-orm';
import { badRequest, notFound } from './errors';

/** What a KPI or money figure is computed over. IDs are external ids. */
export type Scope =
  | { kind: 'company' }
  | { kind: 'segment'; id: string }
  | { kind: 'manager'; id: string }
  | { kind: 'employee'; id: string };

/** A scope whose entity exists, with its database id (null for company). */
export type ResolvedScope = Scope & { dbId: number | null };

/** The ids of the segments an employee manages, as a subquery: `x in ${managedSegments(id)}`. */
export const managedSegments = (managerId: number | null): SQL =>
  sql`(select ms.id from segments ms where ms.manager_id = ${managerId ?? -1})`;

/**
 * Rows of a scope as a condition: company all; a segment and a manager's segments by
 * the customer's current segment (alias `c`); an employee by the column that names the
 * employee for these rows (account manager, responding agent, complaint handler, case
 * owner).
 */
export function customerScope(scope: ResolvedScope, employeeColumn: SQL): SQL {
  switch (scope.kind) {
    case 'company':
      return sql`true`;
    case 'segment':
      return sql`c.segment_id = ${scope.dbId}`;
    case 'manager':
      return sql`c.segment_id in ${managedSegments(scope.dbId)}`;
    case 'employee':
      return sql`${employeeColumn} = ${scope.dbId}`;
  }
}

const SCOPE = /^(segment|manager|employee):(.+)$/;

export function formatScope(scope: Scope): string {
  return scope.kind === 'company' ? 'company' : `${scope.kind}:${scope.id}`;
}

export function parseScope(text: string | undefined): Scope {
  if (text === undefined || text === '' || text === 'company') return { kind: 'company' };
  const m = SCOPE.exec(text);
  if (!m) {
    throw badRequest(
      `scope must be company, segment:ID, manager:ID or employee:ID (external ids); got "${text}"`,
    );
  }
  return { kind: m[1] as 'segment' | 'manager' | 'employee', id: m[2]! };
}

/** Checks the scope's entity exists (404 otherwise) and attaches its database id. */
export async function resolveScope(db: Executor, scope: Scope): Promise<ResolvedScope> {
  if (scope.kind === 'company') return { ...scope, dbId: null };
  const table = scope.kind === 'segment' ? sql`segments` : sql`employees`;
  const rows = await queryRows<{ id: number; role: string | null }>(
    db,
    scope.kind === 'segment'
      ? sql`select id, null as role from ${table} where external_id = ${scope.id}`
      : sql`select id, role::text as role from ${table} where external_id = ${scope.id}`,
  );
  const row = rows[0];
  if (!row) throw notFound(`No ${scope.kind === 'segment' ? 'segment' : 'employee'} ${scope.id}`);
  return { ...scope, dbId: row.id };
}
