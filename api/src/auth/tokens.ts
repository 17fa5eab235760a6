import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@delight/db';
import { apiTokens, type Executor, employees, queryRows, type Role } from '@delight/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { notFound } from '../lib/errors';
import type { Principal } from './principal';

const TOKEN_PREFIX = 'dl_';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface CreatedToken {
  id: number;
  token: string;
  name: string;
  role: Role;
  employee: string | null;
}

/** Creates an API token; the plain token is returned once and never stored. */
export async function createApiToken(
  db: Db,
  input: { role: Role; employee?: string | null; name?: string },
): Promise<CreatedToken> {
  let employeeId: number | null = null;
  if (input.employee) {
    const [row] = await db
      .select({ id: employees.id })
      .from(employees)
      .where(eq(employees.externalId, input.employee));
    if (!row) throw notFound(`Employee ${input.employee} does not exist`);
    employeeId = row.id;
  }
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
  }>(
    db,
    sql`select t.id, t.name, t.role, t.employee_id, e.external_id as employee_external_id
        from api_tokens t left join employees e on e.id = t.employee_id
        where t.token_hash = ${hashToken(token)} and t.revoked_at is null`,
  );
  const row = rows[0];
  if (!row) return null;
  return {
    kind: 'token',
    id: row.id,
    label: `token:${row.name}`,
    role: row.role,
    employeeId: row.employee_id,
    employeeExternalId: row.employee_external_id,
  };
}

export async function revokeApiToken(db: Db, id: number): Promise<void> {
  const updated = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (updated.length === 0) throw notFound(`No active API token with id ${id}`);
}
