import { type Db, ROLES } from '@delight/db';
import { Hono } from 'hono';
import { z } from 'zod';
import { authorizedScope, requireRole } from '../auth/access';
import type { AppEnv } from '../context';
import { badRequest, unprocessable } from '../lib/errors';
import { startedPeriod } from '../lib/period';
import { parseScope } from '../lib/scope';
import { validate } from '../lib/validation';
import { kpiChange, kpiValue, kpiValues, rational, role } from '../openapi/common';
import { describer, json } from '../openapi/describe';
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

const doc = describer('KPIs');
const withPrevious = kpiValue.extend({
  previous: z.object({ value: z.number().nullable(), n: z.number().int() }).nullable().optional(),
  change: kpiChange.nullable().optional(),
});
const complaintCounts = {
  complaints_unfounded: z.number().int(),
  complaints_pending: z.number().int(),
};
const kpiAnswerSchema = z.object({
  period: z.string(),
  scope: z.string(),
  previous_period: z.string().nullable(),
  kpis: z.record(z.string(), withPrevious),
  ...complaintCounts,
});
const trendAnswer = z.object({
  scope: z.string(),
  grain: z.enum(['month', 'quarter', 'year']),
  from: z.string(),
  to: z.string(),
  points: z.array(
    z.object({ period: z.string(), scope: z.string(), kpis: kpiValues, ...complaintCounts }),
  ),
});
const breakdownAnswer = z.object({
  period: z.string(),
  by: z.enum(['segment', 'manager', 'employee']),
  sort: z.string(),
  min_n: z.number().int(),
  role: role.nullable(),
  rows: z.array(
    z.looseObject({
      scope: z.string(),
      id: z.string(),
      name: z.string(),
      rank: z.number().int().nullable(),
      kpis: kpiValues,
      changes: z.record(z.string(), kpiChange),
      ...complaintCounts,
    }),
  ),
});
const leaderboardAnswer = z.object({
  period: z.string(),
  role: role.nullable(),
  k: z.number(),
  min_n: z.number().int(),
  ranks_by: z.string(),
  rows: z.array(
    z.object({
      rank: z.number().int(),
      id: z.string(),
      name: z.string(),
      prior_scope: z.string(),
      n: z.number().int(),
      raw: z.number().nullable(),
      moe: z.number().nullable(),
      prior: z.number().nullable(),
      shrunk: z.number().nullable(),
      exact_shrunk: rational.nullable(),
    }),
  ),
  below_minimum: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      n: z.number().int(),
      raw: z.number().nullable(),
      moe: z.number().nullable(),
    }),
  ),
});
const leaderboardSettingsAnswer = z.object({
  k: z.number(),
  min_n: z.number().int(),
  ranks_by: z.string(),
});

// /api/kpis: KPI values, trends, breakdowns and the leaderboard (DESIGN.md, KPIs).
export const kpiRoutes = new Hono<AppEnv>()
  .get(
    '/',
    doc({
      summary: 'KPI values of a period and scope, with the change against the previous period',
      responses: { 200: json(kpiAnswerSchema) },
    }),
    validate('query', kpiQuery),
    async (c) => {
      const q = c.req.valid('query');
      const db = c.var.deps.database.read;
      const period = startedPeriod(q.period, c.var.deps.today());
      const scope = await authorizedScope(db, c.var.principal, parseScope(q.scope), 'kpis');
      return c.json(await kpiAnswer(db, period, scope));
    },
  )
  .get(
    '/trend',
    doc({
      summary: 'KPI values month by month (or by quarter, year)',
      responses: { 200: json(trendAnswer) },
    }),
    validate('query', trendQuery),
    async (c) => {
      const q = c.req.valid('query');
      const db = c.var.deps.database.read;
      const scope = await authorizedScope(db, c.var.principal, parseScope(q.scope), 'kpis');
      return c.json(await kpiTrend(db, scope, q.from, q.to, q.grain, c.var.deps.today()));
    },
  )
  .get(
    '/breakdown',
    doc({
      summary: 'KPI values per segment, manager or employee',
      responses: { 200: json(breakdownAnswer) },
    }),
    validate('query', breakdownQuery),
    async (c) => {
      const q = c.req.valid('query');
      const db = c.var.deps.database.read;
      const period = startedPeriod(q.period, c.var.deps.today());
      return c.json(await kpiBreakdown(db, c.var.principal, period, q.by, q.sort, q.min_n, q.role));
    },
  )
  .get(
    '/leaderboard',
    doc({ summary: 'Agents ranked by shrunk NPS', responses: { 200: json(leaderboardAnswer) } }),
    validate('query', leaderboardQuery),
    async (c) => {
      const q = c.req.valid('query');
      const period = startedPeriod(q.period, c.var.deps.today());
      return c.json(await leaderboard(c.var.deps.database.read, c.var.principal, period, q.role));
    },
  )
  .get(
    '/leaderboard/settings',
    doc({
      summary: 'The leaderboard settings',
      responses: { 200: json(leaderboardSettingsAnswer) },
    }),
    async (c) => {
      requireRole(c.var.principal, 'admin', 'executive', 'hr', 'segment_manager');
      const settings = await leaderboardSettings(c.var.deps.database.read);
      return c.json({ ...settings, ranks_by: ranksByText(settings) });
    },
  )
  .put(
    '/leaderboard/settings',
    doc({
      summary: 'Change the leaderboard settings (admin); out-of-range values are a 422',
      body: leaderboardSettingsSchema,
      responses: { 200: json(leaderboardSettingsAnswer) },
    }),
    async (c) => {
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
    },
  );
