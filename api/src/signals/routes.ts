import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { startedPeriod } from '../lib/period';
import { validate } from '../lib/validation';
import { signalsFor } from './service';

const signalsQuery = z.object({ period: z.string().optional(), scope: z.string().optional() });

// /api/signals: patterns worth a review (DESIGN.md, Fair numbers); they never change pay.
export const signalRoutes = new Hono<AppEnv>().get(
  '/',
  validate('query', signalsQuery),
  async (c) => {
    const q = c.req.valid('query');
    const period = startedPeriod(q.period, c.var.deps.today());
    return c.json(await signalsFor(c.var.deps.database.read, c.var.principal, period, q.scope));
  },
);
