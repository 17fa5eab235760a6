import { ROLES } from '@delight/db';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { validate } from '../lib/validation';
import { role } from '../openapi/common';
import { describer, json } from '../openapi/describe';
import { requireRole } from './access';
import {
  actorOf,
  createUserAudited,
  listUsers,
  MIN_PASSWORD_LENGTH,
  unlockUser,
  updateUser,
} from './users';

const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `A password needs at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1000);

const createSchema = z.object({
  email: z.string().min(1).max(320),
  password,
  role: z.enum(ROLES),
  employee: z.string().min(1).nullish(),
});

// strict: a misspelt field (e.g. "disable") must not turn into a silent no-op
const patchSchema = z
  .object({
    role: z.enum(ROLES).optional(),
    employee: z.string().min(1).nullable().optional(),
    disabled: z.boolean().optional(),
    password: password.optional(),
  })
  .strict()
  .refine((p) => Object.values(p).some((v) => v !== undefined), {
    message: 'Give at least one of role, employee, disabled, password',
  });

const idParam = z.object({ id: z.coerce.number().int().positive().max(2147483647) });

const doc = describer('Users');
const userInfo = z.object({
  id: z.number().int(),
  email: z.string(),
  role,
  employee: z.object({ id: z.string(), name: z.string() }).nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
  activeSessions: z.number().int(),
  failedSignIns: z.number().int(),
});

// /api/users: sign-in users; only an admin lists, creates and changes them.
export const userRoutes = new Hono<AppEnv>()
  // The role check comes first, so a non-admin learns nothing from validation errors.
  .use(async (c, next) => {
    requireRole(c.var.principal, 'admin');
    await next();
  })
  .get(
    '/',
    doc({
      summary: 'List sign-in users (admin)',
      responses: { 200: json(z.object({ users: z.array(userInfo) })) },
    }),
    async (c) => {
      return c.json({ users: await listUsers(c.var.deps.database.db) }, 200);
    },
  )
  .post(
    '/',
    doc({
      summary: 'Create a sign-in user (admin)',
      responses: { 201: json(userInfo, 'Created') },
    }),
    validate('json', createSchema),
    async (c) => {
      const user = await createUserAudited(
        c.var.deps.database.db,
        c.var.principal.label,
        c.req.valid('json'),
      );
      return c.json(user, 201);
    },
  )
  .patch(
    '/:id',
    doc({
      summary: 'Change a user: role, employee, disabled, password (admin)',
      responses: { 200: json(userInfo.extend({ sessionsEnded: z.number().int() })) },
    }),
    validate('param', idParam),
    validate('json', patchSchema),
    async (c) => {
      const updated = await updateUser(
        c.var.deps.database.db,
        actorOf(c.var.principal),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json(updated, 200);
    },
  )
  // Lifts the sign-in throttle: the user's failed attempts are forgotten.
  .post(
    '/:id/unlock',
    doc({
      summary: 'Lift the sign-in throttle of a user (admin)',
      responses: { 200: json(userInfo.extend({ cleared: z.number().int() })) },
    }),
    validate('param', idParam),
    async (c) => {
      const user = await unlockUser(
        c.var.deps.database.db,
        actorOf(c.var.principal),
        c.req.valid('param').id,
      );
      return c.json(user, 200);
    },
  );
