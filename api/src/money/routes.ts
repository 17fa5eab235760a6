import { Hono } from 'hono';
import { z } from 'zod';
import {
  assumptionProblems,
  assumptionsSummary,
  assumptionValuesSchema,
} from '../assumptions/schema';
import { allowRoles, authorizedScope, visibleCustomers } from '../auth/access';
import type { AppEnv } from '../context';
import { unprocessable } from '../lib/errors';
import { startedPeriod } from '../lib/period';
import { parseScope, resolveScope } from '../lib/scope';
import { validate } from '../lib/validation';
import { assumptionsRef, decimal, moneyFigures } from '../openapi/common';
import { describer, json } from '../openapi/describe';
import { MONEY_FIGURES } from './math';
import { computeMoney, explainFigure, moneySensitivity, previewMoney } from './service';

// period and scope stay plain strings here: parsePeriod / parseScope give the clear 400s
const moneyQuery = z.object({
  period: z.string({ error: 'period is required (e.g. 2026-Q1)' }),
  scope: z.string().optional(),
});
// assumptions are checked below, so bad values are a 422 naming every field (as PUT /api/assumptions)
const previewBody = z.object({
  period: z.string({ error: 'period is required (e.g. 2026-Q1)' }),
  scope: z.string().optional(),
  assumptions: z.unknown(),
});
const explainQuery = moneyQuery.extend({ figure: z.enum(MONEY_FIGURES) });

const doc = describer('Money');
const moneyHead = {
  period: z.string(),
  scope: z.string(),
  currency: z.string(),
  assumptions: assumptionsRef,
};
const moneyAnswer = z.object({
  ...moneyHead,
  figures: moneyFigures,
  counts: z.record(z.string(), z.number().int()),
});
const explainAnswer = z.object({
  ...moneyHead,
  figure: z.enum(MONEY_FIGURES),
  value: z.union([decimal, z.number(), z.null()]),
  formula: z.string(),
  // figures, counts and nested groups (per NPS class …), as the figure needs
  inputs: z.record(z.string(), z.unknown()),
});
const sensitivityAnswer = z.object({
  ...moneyHead,
  factors: z.object({ low: decimal, high: decimal }),
  figures: moneyFigures,
  rows: z.array(
    z.object({
      assumption: z.string(),
      base: decimal,
      low: z.object({ value: decimal, figures: moneyFigures }),
      high: z.object({ value: decimal, figures: moneyFigures }),
    }),
  ),
});
const previewAnswer = z.looseObject({
  period: z.string(),
  scope: z.string(),
  currency: z.string(),
});

// /api/money: money figures, explanations, sensitivity (DESIGN.md, Money).
export const moneyRoutes = new Hono<AppEnv>()
  .get(
    '/',
    doc({
      summary: 'Money figures of a period and scope (exact decimals as strings)',
      responses: { 200: json(moneyAnswer) },
    }),
    validate('query', moneyQuery),
    async (c) => {
      const q = c.req.valid('query');
      const db = c.var.deps.database.read;
      const period = startedPeriod(q.period, c.var.deps.today());
      const scope = await authorizedScope(db, c.var.principal, parseScope(q.scope), 'money');
      return c.json(
        await computeMoney(
          db,
          period,
          scope,
          c.var.deps.reportingCurrency,
          visibleCustomers(c.var.principal),
        ),
      );
    },
  )
  .get(
    '/explain',
    doc({
      summary: 'How one money figure is computed, with its inputs',
      responses: { 200: json(explainAnswer) },
    }),
    validate('query', explainQuery),
    async (c) => {
      const q = c.req.valid('query');
      const db = c.var.deps.database.read;
      const period = startedPeriod(q.period, c.var.deps.today());
      const scope = await authorizedScope(db, c.var.principal, parseScope(q.scope), 'money');
      return c.json(
        await explainFigure(
          db,
          period,
          scope,
          c.var.deps.reportingCurrency,
          q.figure,
          visibleCustomers(c.var.principal),
        ),
      );
    },
  )
  .get(
    '/sensitivity',
    doc({
      summary: 'Money figures with each assumption 20% lower and higher',
      responses: { 200: json(sensitivityAnswer) },
    }),
    validate('query', moneyQuery),
    async (c) => {
      const q = c.req.valid('query');
      const db = c.var.deps.database.read;
      const period = startedPeriod(q.period, c.var.deps.today());
      const scope = await authorizedScope(db, c.var.principal, parseScope(q.scope), 'money');
      return c.json(
        await moneySensitivity(
          db,
          period,
          scope,
          c.var.deps.reportingCurrency,
          visibleCustomers(c.var.principal),
        ),
      );
    },
  )
  .post(
    '/preview',
    doc({
      summary: 'Money figures with other assumptions, before saving them (admin)',
      responses: { 200: json(previewAnswer) },
    }),
    allowRoles('admin'),
    validate('json', previewBody),
    async (c) => {
      const body = c.req.valid('json');
      const parsed = assumptionValuesSchema.safeParse(body.assumptions);
      if (!parsed.success) {
        const problems = assumptionProblems(parsed.error);
        throw unprocessable(assumptionsSummary(problems), problems);
      }
      const db = c.var.deps.database.db;
      const period = startedPeriod(body.period, c.var.deps.today());
      const scope = await resolveScope(db, parseScope(body.scope));
      return c.json(
        await previewMoney(db, period, scope, c.var.deps.reportingCurrency, parsed.data),
      );
    },
  );
