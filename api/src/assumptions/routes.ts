import { Hono } from 'hono';
import { z } from 'zod';
import { allowRoles } from '../auth/access';
import type { AppEnv } from '../context';
import { unprocessable } from '../lib/errors';
import { validate } from '../lib/validation';
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

/**
 * Any JSON object passes the validator (400 when it is not JSON or not an object), so
 * the web's client is typed; the values are checked here, a 422 naming every field.
 */
const assumptionsObject = z
  .looseObject({})
  .meta({ description: 'assumptions.json values and an optional valid_from (docs/money.md)' });

function assumptionsBody(body: Record<string, unknown>) {
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
      responses: { 200: json(saved) },
    }),
    allowRoles('admin'),
    validate('json', assumptionsObject),
    async (c) => {
      const { valid_from, ...values } = assumptionsBody(c.req.valid('json'));
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
      responses: { 200: json(preview) },
    }),
    allowRoles('admin'),
    validate('json', assumptionsObject),
    async (c) => {
      const { valid_from, ...values } = assumptionsBody(c.req.valid('json'));
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
