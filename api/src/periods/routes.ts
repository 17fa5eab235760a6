import { PERIOD_STATUSES } from '@delight/db';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../auth/access';
import { RUN_ACTIONS, reopenRun } from '../bonus/approval';
import type { AppEnv } from '../context';
import { ERROR_CODES } from '../lib/errors';
import { startedPeriod } from '../lib/period';
import { validate } from '../lib/validation';
import { describer, json } from '../openapi/describe';
import { closePeriod, getPeriod, listPeriods } from './service';

const periodParam = z.object({ period: z.string() });
const reasonBody = z.object({ reason: z.string().max(2000).optional() });

const doc = describer('Periods');
/** A period's state and sign-off (api/src/periods/service.ts PublicPeriodState). */
export const periodStateAnswer = z.object({
  period: z.string(),
  status: z.enum(PERIOD_STATUSES),
  closed_at: z.string().nullable(),
  plan_versions: z.record(z.string(), z.string()).nullable(),
  assumption_version_id: z.number().int().nullable(),
  submitted_at: z.string().nullable(),
  submitted_by: z.string().nullable(),
  approved_at: z.string().nullable(),
  approved_by: z.string().nullable(),
  reopen_reason: z.string().nullable(),
  reopened_at: z.string().nullable(),
});
/** The steps the caller's role offers on the run: possible, or the refusal it would get. */
const stepOption = z.object({
  action: z.enum(RUN_ACTIONS),
  possible: z.boolean(),
  code: z.enum(ERROR_CODES).nullable(),
  message: z.string().nullable(),
});
export const periodWithSteps = periodStateAnswer.extend({ steps: z.array(stepOption) });
const closed = periodStateAnswer.extend({
  rows: z.number().int(),
  totals: z.array(z.looseObject({})),
});

// /api/periods: bonus period state, close and re-open (docs/bonus.md, Approval).
export const periodRoutes = new Hono<AppEnv>()
  .get(
    '/',
    doc({
      summary: 'Periods with a stored state (ever submitted, or closed), newest first',
      responses: { 200: json(z.object({ periods: z.array(periodStateAnswer) })) },
    }),
    async (c) => {
      requireRole(c.var.principal, 'admin', 'hr', 'executive', 'segment_manager');
      return c.json({ periods: await listPeriods(c.var.deps.database.db) });
    },
  )
  .get(
    '/:period',
    doc({
      summary: "A period's run state and the sign-off steps the caller's role offers",
      responses: { 200: json(periodWithSteps) },
    }),
    validate('param', periodParam),
    async (c) => {
      const period = startedPeriod(c.req.valid('param').period, c.var.deps.today());
      return c.json(
        await getPeriod(c.var.deps.database.db, period, c.var.principal, c.var.deps.today()),
      );
    },
  )
  .post(
    '/:period/close',
    doc({
      summary: 'Close an approved run: it is stored and never changes (hr, admin)',
      responses: { 201: json(closed, 'Closed') },
    }),
    validate('param', periodParam),
    async (c) => {
      requireRole(c.var.principal, 'hr', 'admin');
      const period = startedPeriod(c.req.valid('param').period, c.var.deps.today());
      const result = await closePeriod(
        c.var.deps.database.db,
        period,
        c.var.principal,
        c.var.deps.today(),
      );
      return c.json(result, 201);
    },
  )
  // a submitted or approved run back to open, with the reason (closed runs never re-open)
  .post(
    '/:period/reopen',
    doc({
      summary: 'Send a submitted or approved run back to open, with the reason',
      responses: { 200: json(periodWithSteps) },
    }),
    validate('param', periodParam),
    validate('json', reasonBody),
    async (c) => {
      const period = startedPeriod(c.req.valid('param').period, c.var.deps.today());
      const { reason } = c.req.valid('json');
      const db = c.var.deps.database.db;
      await reopenRun(db, period, c.var.principal, c.var.deps.today(), reason ?? null);
      return c.json(await getPeriod(db, period, c.var.principal, c.var.deps.today()));
    },
  );
