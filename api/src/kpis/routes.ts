import { type Db, ROLES } from '@delight/db';
import { Hono } from 'hono';
import { z } from 'zod';
import { authorizedScope, requireRole } from '../auth/access';
import type { AppEnv } from '../context';
import { badRequest, unprocessable } from '../lib/errors';
import { startedPeriod } from '../lib/period';
import { parseScope } from '../lib/scope';
import { validate } from '../lib/validation';
import {
  leaderboard,
  leaderboardSettings,
  leaderboardSettingsSchema,
  ranksByText,
  saveLeaderboardSettings,
} from './leaderboard';
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

const leaderboardQuery = z.object({
  period: z.string().optional(),
  role: z.enum(ROLES).optional(),
});

// /api/kpis: KPI values, trends, breakdowns and the leaderboard (DESIGN.md, KPIs).
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
  })
  .get('/leaderboard', validate('query', leaderboardQuery), async (c) => {
    const q = c.req.valid('query');
    const period = startedPeriod(q.period, c.var.deps.today());
    return c.json(await leaderboard(c.var.deps.database.read, c.var.principal, period, q.role));
  })
  .get('/leaderboard/settings', async (c) => {
    requireRole(c.var.principal, 'admin', 'executive', 'hr', 'segment_manager');
    const settings = await leaderboardSettings(c.var.deps.database.read);
    return c.json({ ...settings, ranks_by: ranksByText(settings) });
  })
  .put('/leaderboard/settings', async (c) => {
    requireRole(c.var.principal, 'admin');
    const body: unknown = await c.req.json().catch(() => {
      throw badRequest('The body must be JSON: { "k": 20, "min_n": 10 }');
    });
    const parsed = leaderboardSettingsSchema.safeParse(body);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => ({
        path: i.path.join('.'),
        code: i.code === 'custom' ? 'out_of_range' : i.code,
        message: `${i.message.charAt(0).toUpperCase()}${i.message.slice(1)}.`,
      }));
      throw unprocessable(problems.map((p) => p.message).join(' '), problems);
    }
    const db = c.var.deps.database.db as Db;
    const saved = await saveLeaderboardSettings(db, parsed.data, c.var.principal.label);
    return c.json({ ...saved, ranks_by: ranksByText(saved) });
  });
