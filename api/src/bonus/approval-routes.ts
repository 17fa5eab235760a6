import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { startedPeriod } from '../lib/period';
import { validate } from '../lib/validation';
import { describer, json } from '../openapi/describe';
import { periodWithSteps } from '../periods/routes';
import { getPeriod } from '../periods/service';
import { approveRun, submitRun } from './approval';

const periodParam = z.object({ period: z.string() });
const doc = describer('Periods');

// Mounted beside periodRoutes at /api/periods: the sign-off steps before close
// (docs/bonus.md, Approval). Each answers the period's state with the next steps.
export const approvalRoutes = new Hono<AppEnv>()
  .post(
    '/:period/submit',
    doc({
      summary: 'HR submits the run for approval (the period must have ended)',
      responses: { 200: json(periodWithSteps) },
    }),
    validate('param', periodParam),
    async (c) => {
      const today = c.var.deps.today();
      const period = startedPeriod(c.req.valid('param').period, today);
      const db = c.var.deps.database.db;
      await submitRun(db, period, c.var.principal, today);
      return c.json(await getPeriod(db, period, c.var.principal, today), 200);
    },
  )
  .post(
    '/:period/approve',
    doc({
      summary: 'An executive or admin (not the submitter) approves the submitted run',
      responses: { 200: json(periodWithSteps) },
    }),
    validate('param', periodParam),
    async (c) => {
      const today = c.var.deps.today();
      const period = startedPeriod(c.req.valid('param').period, today);
      const db = c.var.deps.database.db;
      await approveRun(db, period, c.var.principal, today);
      return c.json(await getPeriod(db, period, c.var.principal, today), 200);
    },
  );
