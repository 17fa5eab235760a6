import { RECOVERY_KINDS } from '@delight/db';
import { Hono } from 'hono';
import { z } from 'zod';
import { authorizedScope } from '../auth/access';
import { caseContext } from '../cases/routes';
import { recoveryEffectivenessAnswer, recoveryLogged } from '../cases/schemas';
import { logRecoveryAction } from '../cases/service';
import type { AppEnv } from '../context';
import { startedPeriod } from '../lib/period';
import { parseScope } from '../lib/scope';
import { validate } from '../lib/validation';
import { describer, json } from '../openapi/describe';
import { recoveryEffectiveness } from './service';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const actionBody = z.object({
  complaint: z.string().trim().min(1).max(200),
  kind: z.enum(RECOVERY_KINDS),
  cost: z.string().regex(/^\d{1,15}(\.\d{1,6})?$/, 'must be a decimal amount like 25 or 12.50'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like EUR'),
  performed_at: z
    .string()
    .regex(ISO, 'must be an ISO 8601 timestamp like 2026-03-04T10:00:00Z')
    .refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real date and time')
    .optional(),
  employee: z.string().trim().min(1).max(200).optional(),
});

// POST /api/recovery-actions: what was done to recover a complaint, logged in the product.
const doc = describer('Recovery');

export const recoveryActionRoutes = new Hono<AppEnv>().post(
  '/',
  doc({
    summary: 'Log a recovery action on a complaint (its cost counts at once)',
    responses: { 201: json(recoveryLogged) },
  }),
  validate('json', actionBody),
  async (c) =>
    c.json(
      await logRecoveryAction(c.var.deps.database.db, caseContext(c), c.req.valid('json')),
      201,
    ),
);

// GET /api/recovery/effectiveness: which recovery works (same scope rules as the KPIs).
export const recoveryRoutes = new Hono<AppEnv>().get(
  '/effectiveness',
  doc({
    summary: 'Which recovery works: uplift, NPS after, cost per recovered, the paradox',
    responses: { 200: json(recoveryEffectivenessAnswer) },
  }),
  validate('query', z.object({ period: z.string().optional(), scope: z.string().optional() })),
  async (c) => {
    const q = c.req.valid('query');
    const db = c.var.deps.database.read;
    const period = startedPeriod(q.period, c.var.deps.today());
    const scope = await authorizedScope(db, c.var.principal, parseScope(q.scope), 'kpis');
    return c.json(await recoveryEffectiveness(db, period, scope, c.var.deps.reportingCurrency));
  },
);
