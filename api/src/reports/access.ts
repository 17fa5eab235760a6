import type { Executor } from '@delight/db';
import { authorizedScope, requireRole } from '../auth/access';
import type { Principal } from '../auth/principal';
import { forbidden } from '../lib/errors';
import { resolveScope } from '../lib/scope';

/**
 * Who may have a board pack: admin and executives for every scope, segment managers for
 * their own segments and team (the money rule of authorizedScope, since the pack prints
 * money). hr sees no money and agents no breakdowns, so neither gets one.
 */
export function requireBoardPackRole(principal: Principal): void {
  requireRole(principal, 'admin', 'executive', 'segment_manager');
}

/**
 * Whose statement a caller may have — the rule of `GET /api/bonus/statement`: hr and
 * admin anyone (an unknown id is a 404), a segment manager themself and their team, an
 * agent only themself (403 for anyone else, unknown ids included, so the answer does
 * not tell which ids exist); executives none. Defaults to the caller's own employee.
 */
export async function statementSubject(
  db: Executor,
  principal: Principal,
  requested: string | undefined,
): Promise<{ dbId: number; externalId: string }> {
  requireRole(principal, 'admin', 'hr', 'segment_manager', 'agent');
  const id = requested ?? principal.employeeExternalId;
  if (!id) throw forbidden('Name an employee: this login is not linked to one');
  const scope = { kind: 'employee', id } as const;
  const resolved =
    principal.role === 'admin' || principal.role === 'hr'
      ? await resolveScope(db, scope)
      : await authorizedScope(db, principal, scope, 'kpis');
  return { dbId: resolved.dbId!, externalId: id };
}

/** The statements of a whole run: hr and admin (they hand them out). */
export function requireRunStatementsRole(principal: Principal): void {
  requireRole(principal, 'admin', 'hr');
}
