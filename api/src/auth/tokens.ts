import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@delight/db';
import { apiTokens, type Executor, queryRows, type Role } from '@delight/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { notFound } from '../lib/errors';
import type { Principal } from './principal';
import { employeeIdFor } from './users';

const TOKEN_PREFIX = 'dl_';

/** SHA-256 is enough for 192-bit random tokens (no password to stretch). */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface CreatedToken {
  id: number;
  token: string;
  name: string;
  role: Role;
  employee: string | null;
}

/**
 * Creates an API token; the plain token is returned once and never stored.
 * segment_manager and agent tokens need an employee (400 otherwise).
 */
export async function createApiToken(
  db: Db,
  input: { role: Role; employee?: string | null; name?: string },
): Promise<CreatedToken> {
  const employeeId = await employeeIdFor(db, input.role, input.employee);
  const token = TOKEN_PREFIX + randomBytes(24).toString('base64url');
  const name = input.name ?? `${input.role}${input.employee ? `:${input.employee}` : ''}`;
  const [row] = await db
    .insert(apiTokens)
    .values({
      name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, 8),
      role: input.role,
      employeeId,
    })
    .returning({ id: apiTokens.id });
  return { id: row!.id, token, name, role: input.role, employee: input.employee ?? null };
}

/** Resolves a bearer token to its principal, or null when unknown or revoked. */
export async function principalForToken(db: Executor, token: string): Promise<Principal | null> {
  const rows = await queryRows<{
    id: number;
    name: string;
    role: Role;
    employee_id: number | null;
    employee_external_id: string | null;
    stale: boolean;
  }>(
    db,
    sql`select t.id, t.name, t.role, t.employee_id, e.external_id as employee_external_id,
               (t.last_used_at is null or t.last_used_at < now() - interval '1 minute') as stale
        from api_tokens t left join employees e on e.id = t.employee_id
        where t.token_hash = ${hashToken(token)} and t.revoked_at is null`,
  );
  const row = rows[0];
  if (!row) return null;
  // last_used_at to the minute: a write per minute per token, not per request.
  if (row.stale) {
    await db.execute(sql`update api_tokens set last_used_at = now() where id = ${row.id}`);
  }
  return {
    kind: 'token',
    id: row.id,
    label: `token:${row.name}`,
    role: row.role,
    employeeId: row.employee_id,
    employeeExternalId: row.employee_external_id,
  };
}

export interface ApiTokenInfo {
  id: number;
  name: string;
  prefix: string;
  role: Role;
  employee: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Every token, newest first; never the token itself (only its first characters). */
export async function listApiTokens(db: Executor): Promise<ApiTokenInfo[]> {
  const rows = await queryRows<{
    id: number;
    name: string;
    prefix: string;
    role: Role;
    employee: string | null;
    created_at: string;
    last_used_at: string | null;
    revoked_at: string | null;
  }>(
    db,
    sql`select t.id, t.name, t.prefix, t.role, e.external_id as employee,
               to_char(t.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at,
               to_char(t.last_used_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as last_used_at,
               to_char(t.revoked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as revoked_at
        from api_tokens t left join employees e on e.id = t.employee_id
        order by t.id desc`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    role: r.role,
    employee: r.employee,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

export async function revokeApiToken(db: Db, id: number): Promise<void> {
  const updated = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (updated.length === 0) throw notFound(`No active API token with id ${id}`);
}
