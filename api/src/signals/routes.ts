import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { startedPeriod } from '../lib/period';
import { validate } from '../lib/validation';
import { describer, json } from '../openapi/describe';
import { signalsFor } from './service';

const signalsQuery = z.object({ period: z.string().optional(), scope: z.string().optional() });

const doc = describer('Signals');
const signalsAnswer = z.object({
  period: z.string(),
  scope: z.string(),
  checked: z.number().int(),
  signals: z.array(
    z.object({
      kind: z.string(),
      employee: z.string(),
      name: z.string(),
      segment: z.string().nullable(),
      text: z.string(),
      evidence: z.record(z.string(), z.unknown()),
    }),
  ),
  rules: z.record(z.string(), z.string()),
  note: z.string(),
});

// /api/signals: patterns worth a review (DESIGN.md, Fair numbers); they never change pay.
export const signalRoutes = new Hono<AppEnv>().get(
  '/',
  doc({
    summary: 'Patterns worth a review (they never change pay)',
    responses: { 200: json(signalsAnswer) },
  }),
  validate('query', signalsQuery),
  async (c) => {
    const q = c.req.valid('query');
    const period = startedPeriod(q.period, c.var.deps.today());
    return c.json(await signalsFor(c.var.deps.database.read, c.var.principal, period, q.scope));
  },
);
