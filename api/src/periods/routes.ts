import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../auth/access';
import { reopenRun } from '../bonus/approval';
import type { AppEnv } from '../context';
import { startedPeriod } from '../lib/period';
import { validate } from '../lib/validation';
import { closePeriod, getPeriod, listPeriods } from './service';

const periodParam = z.object({ period: z.string() });
const reasonBody = z.object({ reason: z.string().max(2000).optional() });

// /api/periods: bonus period state, close and re-open (docs/bonus.md, Approval).
export const periodRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    requireRole(c.var.principal, 'admin', 'hr', 'executive', 'segment_manager');
    return c.json({ periods: await listPeriods(c.var.deps.database.db) });
  })
  .get('/:period', validate('param', periodParam), async (c) => {
    const period = startedPeriod(c.req.valid('param').period, c.var.deps.today());
    return c.json(
      await getPeriod(c.var.deps.database.db, period, c.var.principal, c.var.deps.today()),
    );
  })
  .post('/:period/close', validate('param', periodParam), async (c) => {
    requireRole(c.var.principal, 'hr', 'admin');
    const period = startedPeriod(c.req.valid('param').period, c.var.deps.today());
    const result = await closePeriod(
      c.var.deps.database.db,
      period,
      c.var.principal,
      c.var.deps.today(),
    );
    return c.json(result, 201);
  })
  // a submitted or approved run back to open, with the reason (closed runs never re-open)
  .post(
    '/:period/reopen',
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
