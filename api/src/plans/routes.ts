import type { Db } from '@delight/db';
import { Hono } from 'hono';
import { z } from 'zod';
import { allowRoles, requireRole } from '../auth/access';
import type { AppEnv } from '../context';
import { validate } from '../lib/validation';
import { role } from '../openapi/common';
import { describer, json } from '../openapi/describe';
import { createPlanVersion, listPlans, replacePlanVersion } from './service';

const versionParams = z.object({
  key: z.string().min(1),
  validFrom: z.iso.date('valid_from must be a date YYYY-MM-DD'),
});

const doc = describer('Plans');
const plan = z.looseObject({
  key: z.string(),
  role,
  period_kind: z.string(),
  valid_from: z.string(),
  lines: z.array(z.looseObject({ kpi: z.string(), weight: z.number() })),
});
/**
 * A plan body: any JSON object here (400 when it is not JSON or not an object), so the
 * web's client is typed; checkPlan then gives the 422 naming every problem.
 */
const planBody = z
  .looseObject({})
  .meta({ description: 'A plan as in plans.json (docs/bonus.md); checked as a whole (422)' });

// /api/plans: versioned bonus plans. Admin edits; hr reads (it runs the bonus).
export const planRoutes = new Hono<AppEnv>()
  .get(
    '/',
    doc({
      summary: 'Every bonus plan version (admin, hr)',
      responses: { 200: json(z.object({ plans: z.array(plan) })) },
    }),
    async (c) => {
      requireRole(c.var.principal, 'admin', 'hr');
      return c.json({ plans: await listPlans(c.var.deps.database.db) });
    },
  )
  .post(
    '/',
    doc({
      summary: 'Add a plan version (admin); a bad plan is a 422 naming every problem',
      responses: { 201: json(z.object({ result: z.literal('created'), plan }), 'Created') },
    }),
    allowRoles('admin'),
    validate('json', planBody),
    async (c) => {
      const body = c.req.valid('json');
      const db = c.var.deps.database.db as Db;
      const plan = await createPlanVersion(db, body, c.var.principal.label);
      return c.json({ result: 'created' as const, plan }, 201);
    },
  )
  .put(
    '/:key/:validFrom',
    doc({
      summary: 'Replace a plan version that no closed period used (admin)',
      responses: { 200: json(z.object({ result: z.enum(['updated', 'unchanged']), plan })) },
    }),
    allowRoles('admin'),
    validate('param', versionParams),
    validate('json', planBody),
    async (c) => {
      const { key, validFrom } = c.req.valid('param');
      const body = c.req.valid('json');
      const db = c.var.deps.database.db as Db;
      const result = await replacePlanVersion(db, key, validFrom, body, c.var.principal.label);
      return c.json(result);
    },
  );
