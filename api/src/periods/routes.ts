import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../auth/access';
import type { AppEnv } from '../context';
import { conflict } from '../lib/errors';
import { startedPeriod } from '../lib/period';
import { validate } from '../lib/validation';
import { closePeriod, getPeriod, listPeriods } from './service';

const periodParam = z.object({ period: z.string() });

// /api/periods: bonus period state and close. Closing is for hr (and admin).
export const periodRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    requireRole(c.var.principal, 'admin', 'hr', 'executive', 'segment_manager');
    return c.json({ periods: await listPeriods(c.var.deps.database.db) });
  })
  .get('/:period', validate('param', periodParam), async (c) => {
    const period = startedPeriod(c.req.valid('param').period, c.var.deps.today());
    return c.json(await getPeriod(c.var.deps.database.db, period));
  })
  .post('/:period/close', validate('param', periodParam), async (c) => {
    requireRole(c.var.principal, 'hr', 'admin');
    const period = startedPeriod(c.req.valid('param').period, c.var.deps.today());
    const result = await closePeriod(c.var.deps.database.db, period, c.var.principal);
    return c.json(result, 201);
  })
  .post('/:period/reopen', validate('param', periodParam), async (c) => {
    requireRole(c.var.principal, 'hr', 'admin');
    const period = startedPeriod(c.req.valid('param').period, c.var.deps.today());
    const state = await getPeriod(c.var.deps.database.db, period);
    // Later data never changes a closed period (DESIGN.md): there is no way back.
    throw conflict(
      state.status === 'closed'
        ? `${period.key} is closed; closed periods are never re-opened`
        : `${period.key} is open`,
    );
  });
