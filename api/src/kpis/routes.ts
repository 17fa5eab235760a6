import { ROLES } from '@delight/db';
import { Hono } from 'hono';
import { z } from 'zod';
import { authorizedScope } from '../auth/access';
import type { AppEnv } from '../context';
import { startedPeriod } from '../lib/period';
import { parseScope } from '../lib/scope';
import { validate } from '../lib/validation';
import { kpiAnswer, kpiBreakdown, kpiTrend } from './service';
import { KPI_KEYS } from './types';

// period and scope stay plain strings here: parsePeriod / parseScope give the clear 400s
const kpiQuery = z.object({ period: z.string().optional(), scope: z.string().optional() });
const trendQuery = z.object({
  scope: z.string().optional(),
  from: z.string({ error: 'from is required (e.g. 2025-04)' }),
  to: z.string({ error: 'to is required (e.g. 2026-03)' }),
  grain: z.enum(['month', 'quarter', 'year']).default('month'),
});
const breakdownQuery = z.object({
  period: z.string().optional(),
  by: z.enum(['segment', 'manager', 'employee']),
  sort: z.enum(KPI_KEYS).default('nps'),
  min_n: z.coerce.number().int().min(0).default(0),
  role: z.enum(ROLES).optional(),
});

// /api/kpis: KPI values, trends and breakdowns (DESIGN.md, KPIs).
export const kpiRoutes = new Hono<AppEnv>()
  .get('/', validate('query', kpiQuery), async (c) => {
    const q = c.req.valid('query');
    const db = c.var.deps.database.read;
    const period = startedPeriod(q.period, c.var.deps.today());
    const scope = await authorizedScope(db, c.var.principal, parseScope(q.scope), 'kpis');
    return c.json(await kpiAnswer(db, period, scope));
  })
  .get('/trend', validate('query', trendQuery), async (c) => {
    const q = c.req.valid('query');
    const db = c.var.deps.database.read;
    const scope = await authorizedScope(db, c.var.principal, parseScope(q.scope), 'kpis');
    return c.json(await kpiTrend(db, scope, q.from, q.to, q.grain, c.var.deps.today()));
  })
  .get('/breakdown', validate('query', breakdownQuery), async (c) => {
    const q = c.req.valid('query');
    const db = c.var.deps.database.read;
    const period = startedPeriod(q.period, c.var.deps.today());
    return c.json(await kpiBreakdown(db, c.var.principal, period, q.by, q.sort, q.min_n, q.role));
  });
