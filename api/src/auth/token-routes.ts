import { ROLES, TOKEN_KINDS } from '@delight/db';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { validate } from '../lib/validation';
import { role } from '../openapi/common';
import { describer, json, noContent } from '../openapi/describe';
import { requireRole } from './access';
import { createApiToken, listApiTokens, revokeApiToken } from './tokens';

const createSchema = z.object({
  kind: z.enum(TOKEN_KINDS).optional(),
  role: z.enum(ROLES).optional(),
  employee: z.string().min(1).nullish(),
  name: z.string().min(1).max(100).optional(),
  /** ISO 8601 time or date; the token stops working then */
  expires_at: z.string().min(1).max(40).nullish(),
});

const idParam = z.object({ id: z.coerce.number().int().positive() });

const doc = describer('Tokens');
const kind = z.enum(TOKEN_KINDS);
const tokenInfo = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  kind,
  role,
  employee: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
const createdToken = z.object({
  id: z.number().int(),
  token: z.string().meta({ description: 'The secret; shown this once' }),
  name: z.string(),
  kind,
  role,
  employee: z.string().nullable(),
  expiresAt: z.string().nullable(),
});

// /api/tokens: API tokens for machine clients; only an admin lists, creates and revokes.
export const tokenRoutes = new Hono<AppEnv>()
  .get(
    '/',
    doc({
      summary: 'List API tokens (admin)',
      responses: { 200: json(z.object({ tokens: z.array(tokenInfo) })) },
    }),
    async (c) => {
      requireRole(c.var.principal, 'admin');
      return c.json({ tokens: await listApiTokens(c.var.deps.database.db) }, 200);
    },
  )
  .post(
    '/',
    doc({
      summary: 'Create an API token (admin)',
      responses: { 201: json(createdToken, 'Created') },
    }),
    validate('json', createSchema),
    async (c) => {
      requireRole(c.var.principal, 'admin');
      const { expires_at, role, kind, employee, name } = c.req.valid('json');
      const created = await createApiToken(
        c.var.deps.database.db,
        {
          ...(kind ? { kind } : {}),
          ...(role ? { role } : {}),
          ...(employee !== undefined ? { employee } : {}),
          ...(name ? { name } : {}),
          expiresAt: expires_at ?? null,
        },
        c.var.principal,
      );
      return c.json(created, 201);
    },
  )
  .delete(
    '/:id',
    doc({ summary: 'Revoke an API token (admin)', responses: { 204: noContent('Revoked') } }),
    validate('param', idParam),
    async (c) => {
      requireRole(c.var.principal, 'admin');
      await revokeApiToken(c.var.deps.database.db, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
