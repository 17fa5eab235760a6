import type { Role } from '@delight/db';
import { forbidden } from '../lib/errors';
import type { Principal } from './principal';

/** Throws 403 unless the caller has one of the roles. */
export function requireRole(principal: Principal, ...roles: Role[]): void {
  if (!roles.includes(principal.role)) {
    throw forbidden(`This needs the role ${roles.join(' or ')}; you are ${principal.role}`);
  }
}
