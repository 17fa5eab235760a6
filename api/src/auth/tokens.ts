import { randomBytes } from 'node:crypto';
import type { Db } from '@delight/db';
import { apiTokens, type Executor, queryRows, type Role, type TokenKind } from '@delight/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { badRequest, forbidden, notFound } from '../lib/errors';
import { hashToken } from './hash';
import type { Principal } from './principal';
import { employeeIdFor } from './users';

const TOKEN_PREFIX = 'dl_';

export interface CreatedToken {
  id: number;
  token: string;
  name: string;
  kind: TokenKind;
  role: Role;
  employee: string | null;
  expiresAt: string | null;
}

export interface TokenInput {
  /** `api` (default): acts with the role; `ingest`: only POST /api/ingest/*, reads nothing */
  kind?: TokenKind;
  role?: Role;
  employee?: string | null;
  name?: string;
  /** ISO 8601 time (or date) after which the token stops working; null: never */
  expiresAt?: string | null;
}

/** Who is creating a token: a signed-in user, another token (its creator counts), the CLI. */
export type TokenCreator = Principal | null;

/** An ingest token carries the least privileged role; its kind is what grants access. */
const INGEST_ROLE: Role = 'agent';

async function creatorUserId(db: Executor, creator: TokenCreator): Promise<number | null> {
  if (!creator) return null;
  if (creator.kind === 'session') return creator.id;
  const [row] = await queryRows<{ created_by: number | null }>(
    db,
    sql`select created_by from api_tokens where id = ${creator.id}`,
  );
  return row?.created_by ?? null;
}

function expiry(value: string | null | undefined, now = Date.now()): string | null {
  if (value === undefined || value === null) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw badRequest(`expires_at must be an ISO 8601 date or time; got "${value}"`);
  if (ms <= now) throw badRequest('expires_at must be in the future');
  return new Date(ms).toISOString();
}

/**
 * Creates an API token; the plain token is returned once and never stored.
 * segment_manager and agent tokens need an employee (400 otherwise); ingest tokens take
 * no role or employee. The creating user is kept: disabling them stops their tokens.
 */
export async function createApiToken(
  db: Db,
  input: TokenInput,
  creator: TokenCreator = null,
): Promise<CreatedToken> {
  const kind = input.kind ?? 'api';
  if (kind === 'ingest' && (input.role !== undefined || input.employee)) {
    throw badRequest('An ingest token has no role or employee: it can only send data');
  }
  if (kind === 'api' && !input.role) throw badRequest('role is required');
  const role = kind === 'ingest' ? INGEST_ROLE : input.role!;
  const employeeId = kind === 'ingest' ? null : await employeeIdFor(db, role, input.employee);
  const expiresAt = expiry(input.expiresAt);
  const token = TOKEN_PREFIX + randomBytes(24).toString('base64url');
  const name =
    input.name ??
    (kind === 'ingest' ? 'ingest' : `${role}${input.employee ? `:${input.employee}` : ''}`);
  const [row] = await db
    .insert(apiTokens)
    .values({
      name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, 8),
      role,
      employeeId,
      kind,
      expiresAt,
      createdBy: await creatorUserId(db, creator),
    })
    .returning({ id: apiTokens.id });
  return {
    id: row!.id,
    token,
    name,
    kind,
    role,
    employee: kind === 'ingest' ? null : (input.employee ?? null),
    expiresAt,
  };
}

/**
 * Resolves a bearer token to its principal, or null when unknown, revoked, expired, or
 * created by a user who is now disabled.
 */
export async function principalForToken(db: Executor, token: string): Promise<Principal | null> {
  const rows = await queryRows<{
    id: number;
    name: string;
    role: Role;
    kind: TokenKind;
    employee_id: number | null;
    employee_external_id: string | null;
    stale: boolean;
  }>(
    db,
    sql`select t.id, t.name, t.role, t.kind, t.employee_id, e.external_id as employee_external_id,
               (t.last_used_at is null or t.last_used_at < now() - interval '1 minute') as stale
        from api_tokens t
        left join employees e on e.id = t.employee_id
        left join users u on u.id = t.created_by
        where t.token_hash = ${hashToken(token)} and t.revoked_at is null
          and (t.expires_at is null or t.expires_at > now())
          and (t.created_by is null or not u.disabled)`,
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
    ...(row.kind === 'ingest' ? { ingestOnly: true } : {}),
  };
}

/**
 * An ingest token may call POST /api/ingest/* and nothing else: every other route,
 * reads included, is a 403 for it.
 */
export const confineIngestTokens = createMiddleware<AppEnv>(async (c, next) => {
  const p = c.var.principal;
  if (p.ingestOnly && !(c.req.method === 'POST' && c.req.path.startsWith('/api/ingest/'))) {
    throw forbidden('An ingest token can only send data to POST /api/ingest/…; it reads nothing');
  }
  await next();
});

export interface ApiTokenInfo {
  id: number;
  name: string;
  prefix: string;
  kind: TokenKind;
  role: Role;
  employee: string | null;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const utc = (column: string) =>
  sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

/** Every token, newest first; never the token itself (only its first characters). */
export async function listApiTokens(db: Executor): Promise<ApiTokenInfo[]> {
  const rows = await queryRows<{
    id: number;
    name: string;
    prefix: string;
    kind: TokenKind;
    role: Role;
    employee: string | null;
    created_at: string;
    created_by: string | null;
    expires_at: string | null;
    last_used_at: string | null;
    revoked_at: string | null;
  }>(
    db,
    sql`select t.id, t.name, t.prefix, t.kind, t.role, e.external_id as employee,
               ${utc('t.created_at')} as created_at, u.email as created_by,
               ${utc('t.expires_at')} as expires_at,
               ${utc('t.last_used_at')} as last_used_at,
               ${utc('t.revoked_at')} as revoked_at
        from api_tokens t
        left join employees e on e.id = t.employee_id
        left join users u on u.id = t.created_by
        order by t.id desc`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    kind: r.kind,
    role: r.role,
    employee: r.employee,
    createdAt: r.created_at,
    createdBy: r.created_by,
    expiresAt: r.expires_at,
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
