import { Hono } from 'hono';
import { z } from 'zod';
import { authorizeScope } from '../auth/access';
import type { AppEnv } from '../context';
import { parsePeriod } from '../lib/period';
import { parseScope, resolveScope } from '../lib/scope';
import { validate } from '../lib/validation';
import { MONEY_FIGURES } from './math';
import { computeMoney, explainFigure, moneySensitivity } from './service';

// period and scope stay plain strings here: parsePeriod / parseScope give the clear 400s
const moneyQuery = z.object({
  period: z.string({ error: 'period is required (e.g. 2026-Q1)' }),
  scope: z.string().optional(),
});
const explainQuery = moneyQuery.extend({ figure: z.enum(MONEY_FIGURES) });

// /api/money: money figures, explanations, sensitivity (DESIGN.md, Money).
export const moneyRoutes = new Hono<AppEnv>()
  .get('/', validate('query', moneyQuery), async (c) => {
    const q = c.req.valid('query');
    const db = c.var.deps.database.db;
    const period = parsePeriod(q.period);
    const scope = await resolveScope(db, parseScope(q.scope));
    await authorizeScope(db, c.var.principal, scope, 'money');
    return c.json(await computeMoney(db, period, scope, c.var.deps.reportingCurrency));
  })
  .get('/explain', validate('query', explainQuery), async (c) => {
    const q = c.req.valid('query');
    const db = c.var.deps.database.db;
    const period = parsePeriod(q.period);
    const scope = await resolveScope(db, parseScope(q.scope));
    await authorizeScope(db, c.var.principal, scope, 'money');
    return c.json(await explainFigure(db, period, scope, c.var.deps.reportingCurrency, q.figure));
  })
  .get('/sensitivity', validate('query', moneyQuery), async (c) => {
    const q = c.req.valid('query');
    const db = c.var.deps.database.db;
    const period = parsePeriod(q.period);
    const scope = await resolveScope(db, parseScope(q.scope));
    await authorizeScope(db, c.var.principal, scope, 'money');
    return c.json(await moneySensitivity(db, period, scope, c.var.deps.reportingCurrency));
  });
