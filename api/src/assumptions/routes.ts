import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../auth/access';
import type { AppEnv } from '../context';
import { badRequest, unprocessable } from '../lib/errors';
import { describer, json } from '../openapi/describe';
import { previewAssumptionsSave } from './preview';
import { assumptionProblems, assumptionsFileSchema, assumptionsSummary } from './schema';
import { assumptionsOverview, updateAssumptions } from './service';

const doc = describer('Assumptions');
const values = z.record(z.string(), z.unknown());
const version = z.looseObject({
  id: z.number().int().nullable(),
  valid_from: z.string().nullable(),
  values,
});
const overview = z.object({
  current: version.extend({ all_history: z.boolean(), in_force_text: z.string() }).nullable(),
  rule: z.string(),
  defaults: values,
  versions: z.array(
    version.extend({
      all_history: z.boolean(),
      created_at: z.string(),
      created_by: z.string().nullable(),
    }),
  ),
});
const saved = z.looseObject({ id: z.number().int(), created: z.boolean() });
const preview = z.looseObject({});

/** The body as assumptions.json values (+ valid_from), or a 422 naming every field. */
async function assumptionsBody(req: { json(): Promise<unknown> }) {
  const body: unknown = await req.json().catch(() => {
    throw badRequest('The body must be a JSON object of assumption values');
  });
  // 422 with every problem at once, so the admin fixes the form in one go
  const parsed = assumptionsFileSchema.safeParse(body);
  if (!parsed.success) {
    const problems = assumptionProblems(parsed.error);
    throw unprocessable(assumptionsSummary(problems), problems);
  }
  return parsed.data;
}

// /api/assumptions: versioned money assumptions (admin edits).
export const assumptionRoutes = new Hono<AppEnv>()
  // Readable by every signed-in role: the values are shown beside every money figure.
  .get(
    '/',
    doc({
      summary: 'The money assumptions in force and their versions',
      responses: { 200: json(overview) },
    }),
    async (c) => c.json(await assumptionsOverview(c.var.deps.database.db, c.var.deps.today())),
  )
  .put(
    '/',
    doc({
      summary:
        'Save a new version of the assumptions (admin); bad values are a 422 naming each field',
      body: assumptionsFileSchema,
      responses: { 200: json(saved) },
    }),
    async (c) => {
      requireRole(c.var.principal, 'admin');
      const { valid_from, ...values } = await assumptionsBody(c.req);
      return c.json(
        await updateAssumptions(
          c.var.deps.database.db,
          c.var.principal,
          values,
          valid_from,
          c.var.deps.today(),
        ),
      );
    },
  )
  // What a save would change, period by period, before saving (nothing is written).
  .post(
    '/preview',
    doc({
      summary:
        'What saving these assumptions would change, period by period (admin; writes nothing)',
      body: assumptionsFileSchema,
      responses: { 200: json(preview) },
    }),
    async (c) => {
      requireRole(c.var.principal, 'admin');
      const { valid_from, ...values } = await assumptionsBody(c.req);
      const deps = c.var.deps;
      return c.json(
        await previewAssumptionsSave(
          deps.database.db,
          values,
          valid_from,
          deps.today(),
          deps.reportingCurrency,
        ),
      );
    },
  );
