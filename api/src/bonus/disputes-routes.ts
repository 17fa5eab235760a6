import { DISPUTE_STATUSES } from '@delight/db';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { startedPeriod } from '../lib/period';
import { validate } from '../lib/validation';
import { describer, json } from '../openapi/describe';
import { disputeAnswer, disputeListAnswer } from './approval-schemas';
import { listDisputes, raiseDispute, resolveDispute } from './disputes';

const listQuery = z.object({
  period: z.string({ error: 'period is required (e.g. 2026-Q1)' }),
  status: z.enum(DISPUTE_STATUSES).optional(),
});
const raiseBody = z.object({
  period: z.string({ error: 'period is required (e.g. 2026-Q1)' }),
  line: z.string().min(1).max(100),
  comment: z.string().max(4000),
});
const idParam = z.object({ id: z.coerce.number().int().positive() });
const acceptBody = z.object({
  amount: z.string().max(40),
  reason: z.string().max(2000),
  reply: z.string().max(4000).optional(),
});
const doc = describer('Bonus');
const rejectBody = z.object({ reply: z.string().max(4000) });

// Mounted beside bonusRoutes at /api/bonus: disputes of statement lines and their
// resolution (docs/bonus.md, Disputes and adjustments). Access is checked in the service.
export const disputeRoutes = new Hono<AppEnv>()
  .get(
    '/disputes',
    doc({
      summary: "A period's disputes: all for hr and admin, else the caller's own",
      responses: { 200: json(disputeListAnswer) },
    }),
    validate('query', listQuery),
    async (c) => {
      const q = c.req.valid('query');
      const period = startedPeriod(q.period, c.var.deps.today());
      return c.json(await listDisputes(c.var.deps.database.db, period, c.var.principal, q.status));
    },
  )
  .post(
    '/disputes',
    doc({
      summary: 'Dispute a line of your own statement',
      responses: { 201: json(disputeAnswer, 'Raised') },
    }),
    validate('json', raiseBody),
    async (c) => {
      const body = c.req.valid('json');
      const period = startedPeriod(body.period, c.var.deps.today());
      const dispute = await raiseDispute(c.var.deps.database.db, period, c.var.principal, body);
      return c.json(dispute, 201);
    },
  )
  .post(
    '/disputes/:id/accept',
    doc({
      summary: 'HR accepts a dispute with an adjustment of the bonus',
      responses: { 200: json(disputeAnswer) },
    }),
    validate('param', idParam),
    validate('json', acceptBody),
    async (c) => {
      const body = c.req.valid('json');
      const dispute = await resolveDispute(
        c.var.deps.database.db,
        c.req.valid('param').id,
        c.var.principal,
        { action: 'accept', amount: body.amount, reason: body.reason, reply: body.reply ?? null },
      );
      return c.json(dispute);
    },
  )
  .post(
    '/disputes/:id/reject',
    doc({
      summary: 'HR rejects a dispute with a reply',
      responses: { 200: json(disputeAnswer) },
    }),
    validate('param', idParam),
    validate('json', rejectBody),
    async (c) => {
      const dispute = await resolveDispute(
        c.var.deps.database.db,
        c.req.valid('param').id,
        c.var.principal,
        { action: 'reject', reply: c.req.valid('json').reply },
      );
      return c.json(dispute);
    },
  );
