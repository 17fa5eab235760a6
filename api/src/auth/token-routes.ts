import { ROLES, TOKEN_KINDS } from '@delight/db';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { validate } from '../lib/validation';
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

// /api/tokens: API tokens for machine clients; only an admin lists, creates and revokes.
export const tokenRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    requireRole(c.var.principal, 'admin');
    return c.json({ tokens: await listApiTokens(c.var.deps.database.db) }, 200);
  })
  .post('/', validate('json', createSchema), async (c) => {
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
  })
  .delete('/:id', validate('param', idParam), async (c) => {
    requireRole(c.var.principal, 'admin');
    await revokeApiToken(c.var.deps.database.db, c.req.valid('param').id);
    return c.body(null, 204);
  });
