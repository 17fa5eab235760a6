import { type Executor, queryRows, type Role } from '@delight/db';
import { type SQL, sql } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { forbidden, isDomainError } from '../lib/errors';
import { managedSegments, type ResolvedScope, resolveScope, type Scope } from '../lib/scope';
import type { Principal } from './principal';

/** Throws 403 unless the caller has one of the roles. */
export function requireRole(principal: Principal, ...roles: Role[]): void {
  if (!roles.includes(principal.role)) {
    throw forbidden(`This needs the role ${roles.join(' or ')}; you are ${principal.role}`);
  }
}

/**
 * An import job (GET /api/imports/{id}) is read by the principal that queued it and by
 * admins (403 for anyone else).
 */
export function canReadImportJob(
  principal: Principal,
  owner: { kind: string; id: number },
): boolean {
  if (principal.ingestOnly) return false;
  if (principal.kind === owner.kind && principal.id === owner.id) return true;
  return principal.role === 'admin';
}

/** What the scope-level data is: KPIs (delight measures) or money figures. */
export type ScopeData = 'kpis' | 'money';

/**
 * Whether the caller may read data of this scope (DESIGN.md, Access). Enforced here,
 * in the API, never in the browser; a foreign scope is a 403 (never an empty 200).
 *
 * - admin, executive: every scope
 * - hr: KPIs of employees and managers (the inputs of bonus), no money
 * - segment_manager: the segments they manage, their own manager scope, and the
 *   employees of their segments (their team) and themself
 * - agent: only themself
 */
export async function authorizeScope(
  db: Executor,
  principal: Principal,
  scope: ResolvedScope,
  data: ScopeData,
): Promise<void> {
  if (await canSeeScope(db, principal, scope, data)) return;
  throw forbidden(`Your role (${principal.role}) does not give access to this scope`);
}

/**
 * resolveScope + authorizeScope in one step, without leaking which ids exist: a
 * caller who may not see every scope gets 403 for an unknown id too (a 404 would
 * tell an agent which employee ids are real). admin and executive get the 404.
 */
export async function authorizedScope(
  db: Executor,
  principal: Principal,
  scope: Scope,
  data: ScopeData,
): Promise<ResolvedScope> {
  const seesAll = principal.role === 'admin' || principal.role === 'executive';
  let resolved: ResolvedScope;
  try {
    resolved = await resolveScope(db, scope);
  } catch (err) {
    if (!seesAll && isDomainError(err, 'not_found')) {
      throw forbidden(`Your role (${principal.role}) does not give access to this scope`);
    }
    throw err;
  }
  await authorizeScope(db, principal, resolved, data);
  return resolved;
}

export async function canSeeScope(
  db: Executor,
  principal: Principal,
  scope: ResolvedScope,
  data: ScopeData,
): Promise<boolean> {
  const self = principal.employeeId;
  switch (principal.role) {
    case 'admin':
    case 'executive':
      return true;
    case 'hr':
      return data === 'kpis' && (scope.kind === 'employee' || scope.kind === 'manager');
    case 'agent':
      return scope.kind === 'employee' && self !== null && scope.dbId === self;
    case 'segment_manager': {
      if (self === null) return false;
      if (scope.kind === 'company') return false;
      if (scope.kind === 'manager') return scope.dbId === self;
      if (scope.kind === 'segment') {
        const rows = await queryRows<{ ok: number }>(
          db,
          sql`select 1 as ok where ${scope.dbId} in ${managedSegments(self)}`,
        );
        return rows.length > 0;
      }
      if (scope.dbId === self) return true;
      return isTeamMember(db, self, scope.dbId!);
    }
  }
}

// ---------------------------------------------------------------------------
// The same rules as SQL conditions, for queries that list rows: the one place the
// "segment manager sees their segments" rule is written.

/** The rule's one SQL form lives with the scopes (lib/scope.ts); re-exported for list queries. */
export { managedSegments };

/**
 * A segment manager's team as a condition on employees (alias `e` unless named):
 * themself and every employee of a segment they manage.
 */
export const teamCondition = (managerId: number, alias = 'e'): SQL =>
  sql`(${sql.raw(alias)}.id = ${managerId} or ${sql.raw(alias)}.segment_id in ${managedSegments(managerId)})`;

/**
 * The customers (alias `c`) a caller may ever see, added to whatever scope a query
 * names: a segment manager only customers of the segments they manage (also when
 * they ask for a team member, who may account-manage customers elsewhere), an agent
 * only the customers they account-manage, everyone else all.
 */
export function visibleCustomers(principal: Principal): SQL {
  switch (principal.role) {
    case 'segment_manager':
      return sql`c.segment_id in ${managedSegments(principal.employeeId)}`;
    case 'agent':
      return sql`c.account_manager_id = ${principal.employeeId ?? -1}`;
    default:
      return sql`true`;
  }
}

/** Whether the employee belongs to a segment the manager manages. */
export async function isTeamMember(
  db: Executor,
  managerId: number,
  employeeId: number,
): Promise<boolean> {
  const rows = await queryRows<{ ok: number }>(
    db,
    sql`select 1 as ok from employees e
        where e.id = ${employeeId} and e.segment_id in ${managedSegments(managerId)}`,
  );
  return rows.length > 0;
}

/**
 * Route middleware form of requireRole, for routes whose body is validated: the role
 * is checked first, so a caller without it gets 403 whatever they send.
 */
export const allowRoles = (...roles: Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    requireRole(c.var.principal, ...roles);
    await next();
  });

/**
 * Cases (DESIGN.md, Closed loop): who may see and act on one, as a condition on the
 * case row `x` (owner_id, handler_id: the complaint's handler) and its customer `c`.
 * The same rule for reading and writing: an agent the cases they own, of customers
 * they account-manage, or of complaints they handle; a segment manager the cases of
 * their segments; admin every case; an executive reads every case (no writes).
 */
export function visibleCases(principal: Principal): SQL {
  const self = principal.employeeId ?? -1;
  switch (principal.role) {
    case 'admin':
    case 'executive':
      return sql`true`;
    case 'segment_manager':
      return sql`c.segment_id in ${managedSegments(principal.employeeId)}`;
    case 'agent':
      return sql`(x.owner_id = ${self} or c.account_manager_id = ${self} or x.handler_id = ${self})`;
    case 'hr':
      return sql`false`;
  }
}

/** Roles that may read cases (hr works on bonus, not on customers). */
export const CASE_READERS: Role[] = ['admin', 'executive', 'segment_manager', 'agent'];
/** Roles that may act on cases: log contacts and actions, close, reassign (managers and admin). */
export const CASE_WRITERS: Role[] = ['admin', 'segment_manager', 'agent'];

/**
 * Whether the caller may write on this complaint (a recovery action): the case rule
 * over the complaint whatever its validity (an action on a pending complaint is
 * still a cost).
 */
export async function canActOnComplaint(
  db: Executor,
  principal: Principal,
  complaintId: number,
): Promise<boolean> {
  if (!CASE_WRITERS.includes(principal.role)) return false;
  const rows = await queryRows<{ ok: number }>(
    db,
    sql`select 1 as ok from complaints k
        join customers c on c.id = k.customer_id
        join segments s on s.id = c.segment_id
        left join case_states cs on cs.subject = 'complaint' and cs.subject_id = k.id
        cross join lateral (select coalesce(cs.owner_id, c.account_manager_id, s.manager_id) as owner_id,
          k.employee_id as handler_id) x
        where k.id = ${complaintId} and ${visibleCases(principal)}`,
  );
  return rows.length > 0;
}

/**
 * Whom a case may be given to: admin anyone; a segment manager themself or an
 * employee of one of their segments (their team).
 */
export async function mayAssignTo(
  db: Executor,
  principal: Principal,
  employeeId: number,
): Promise<boolean> {
  if (principal.role === 'admin') return true;
  if (principal.role !== 'segment_manager' || principal.employeeId === null) return false;
  if (employeeId === principal.employeeId) return true;
  return isTeamMember(db, principal.employeeId, employeeId);
}
