import type { Db } from '@delight/db';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { authorizedScope } from '../auth/access';
import type { Principal } from '../auth/principal';
import type { AppEnv } from '../context';
import { type Period, startedPeriod } from '../lib/period';
import { parseScope, type ResolvedScope, type Scope } from '../lib/scope';
import { validate } from '../lib/validation';
import { assumptionsRef, decimal } from '../openapi/common';
import { describer, json } from '../openapi/describe';
import { customerDetail } from './detail';
import { CUSTOMER_SORTS } from './queries';
import { letGoList, listCustomers, recoveryLog } from './service';

const scopeQuery = z.object({
  period: z.string({ error: 'period is required (e.g. 2026-Q1)' }),
  scope: z.string().optional(),
});
const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
};
const logQuery = scopeQuery.extend(pageQuery);
const listQuery = logQuery.extend({
  sort: z.enum(CUSTOMER_SORTS).default('ttm'),
  dir: z.enum(['asc', 'desc']).default('desc'),
});

const doc = describer('Customers');
const head = {
  period: z.string(),
  scope: z.string(),
  currency: z.string(),
  assumptions: assumptionsRef,
};
const paging = { page: z.number().int(), page_size: z.number().int(), total: z.number().int() };
const latestScore = z.object({ score: z.number(), at: z.string() }).nullable();
const customerList = z.object({
  ...head,
  ...paging,
  sort: z.enum(CUSTOMER_SORTS),
  dir: z.enum(['asc', 'desc']),
  customers: z.array(
    z.object({
      external_id: z.string(),
      name: z.string(),
      segment: z.string().nullable(),
      account_manager: z.string().nullable(),
      acquired_on: z.string().nullable(),
      churned_on: z.string().nullable(),
      ttm: decimal,
      nps_class: z.string(),
      latest: z.object({ nps: latestScore, csat: latestScore, ces: latestScore }),
      open_complaints: z.number().int(),
      revenue_at_risk: decimal,
      clv: decimal,
    }),
  ),
});
const letGo = z.object({
  ...head,
  gross_margin: decimal,
  customers: z.array(
    z.object({
      external_id: z.string(),
      name: z.string(),
      segment: z.string().nullable(),
      account_manager: z.string().nullable(),
      ttm: decimal,
      margin: decimal,
      recovery_cost: decimal,
      recovery_actions: z.number().int(),
      unfounded_complaints: z.number().int(),
      reasons: z.array(z.string()),
    }),
  ),
});
const ref = z.object({ external_id: z.string(), name: z.string() });
const recoveryLogAnswer = z.object({
  period: z.string(),
  scope: z.string(),
  currency: z.string(),
  ...paging,
  totals: z.object({
    actions: z.number().int(),
    reporting_cost: decimal,
    by_kind: z.array(
      z.object({ kind: z.string(), actions: z.number().int(), reporting_cost: decimal }),
    ),
  }),
  actions: z.array(
    z.object({
      external_id: z.string(),
      performed_at: z.string(),
      kind: z.string(),
      cost: decimal,
      currency: z.string(),
      reporting_cost: decimal,
      complaint: z
        .object({
          external_id: z.string(),
          validity: z.string().nullable(),
          severity: z.string().nullable(),
        })
        .nullable(),
      customer: ref.nullable(),
      employee: ref.nullable(),
    }),
  ),
});

/**
 * Without a scope, a segment manager gets their own manager scope and an agent the
 * customers they account-manage; others the company. The SQL also filters by what the
 * caller may see, so a named scope never widens it.
 */
function scopeFor(principal: Principal, text: string | undefined): Scope {
  if (text === undefined || text === '') {
    const self = principal.employeeExternalId;
    if (principal.role === 'segment_manager' && self) return { kind: 'manager', id: self };
    if (principal.role === 'agent' && self) return { kind: 'employee', id: self };
  }
  return parseScope(text);
}

/** The period and the caller's checked scope of a customers request. */
async function customersRequest(
  c: Context<AppEnv>,
  q: z.infer<typeof scopeQuery>,
): Promise<{
  db: Db;
  principal: Principal;
  period: Period;
  scope: ResolvedScope;
  currency: string;
}> {
  // dashboard reads: the read replica when it is fresh (see Database.read)
  const db = c.var.deps.database.read;
  const principal = c.var.principal;
  const scope = await authorizedScope(db, principal, scopeFor(principal, q.scope), 'money');
  return {
    db,
    principal,
    period: startedPeriod(q.period, c.var.deps.today()),
    scope,
    currency: c.var.deps.reportingCurrency,
  };
}

const named = z.object({ external_id: z.string(), name: z.string().nullable() });
/** One customer's page (api/src/customers/detail.ts); the lists inside are loose. */
const customerDetailAnswer = z.looseObject({
  external_id: z.string(),
  name: z.string(),
  segment: named,
  account_manager: named.nullable(),
  acquired_on: z.string().nullable(),
  churned_on: z.string().nullable(),
  period: z.string(),
  as_of: z.string(),
  currency: z.string(),
  active: z.boolean(),
  assumptions: assumptionsRef,
  nps_class: z.enum(['promoter', 'passive', 'detractor', 'unknown']),
  latest_nps: z
    .object({ external_id: z.string(), score: z.number().int(), responded_at: z.string() })
    .nullable(),
  ttm: decimal,
  clv: decimal,
  revenue_at_risk: decimal,
  explanation: z.record(z.string(), z.string()),
  revenue: z.array(z.looseObject({})),
  responses: z.array(z.looseObject({})),
  complaints: z.array(
    z.looseObject({
      external_id: z.string(),
      recovery_actions: z.array(z.looseObject({})),
      contacts: z.array(z.looseObject({})),
    }),
  ),
  recovery_actions: z.array(z.looseObject({})),
  contacts: z.array(z.looseObject({})),
  open_cases: z.array(z.looseObject({ id: z.string() })),
});

// /api/customers: customer list and the cost-to-serve (let-go) list.
export const customerRoutes = new Hono<AppEnv>()
  .get(
    '/',
    doc({
      summary: 'Customers with TTM revenue, NPS class and money at risk (paged)',
      responses: { 200: json(customerList) },
    }),
    validate('query', listQuery),
    async (c) => {
      const q = c.req.valid('query');
      const { db, principal, period, scope, currency } = await customersRequest(c, q);
      return c.json(
        await listCustomers(db, principal, period, scope, currency, {
          sort: q.sort,
          dir: q.dir,
          page: q.page,
          pageSize: q.page_size,
        }),
      );
    },
  )
  .get(
    '/cost-to-serve',
    doc({
      summary: 'Customers that cost more to serve than they bring (the let-go list)',
      responses: { 200: json(letGo) },
    }),
    validate('query', scopeQuery),
    async (c) => {
      const q = c.req.valid('query');
      const { db, principal, period, scope, currency } = await customersRequest(c, q);
      return c.json(await letGoList(db, principal, period, scope, currency));
    },
  )
  // Beside the customer list on purpose: the same default scope, scope check and SQL
  // visibility filter, so the log can never show an action on a customer the list hides.
  .get(
    '/recovery-log',
    doc({
      summary: 'Recovery actions on the visible customers (paged)',
      responses: { 200: json(recoveryLogAnswer) },
    }),
    validate('query', logQuery),
    async (c) => {
      const q = c.req.valid('query');
      const { db, principal, period, scope, currency } = await customersRequest(c, q);
      return c.json(
        await recoveryLog(db, principal, period, scope, currency, {
          page: q.page,
          pageSize: q.page_size,
        }),
      );
    },
  )
  // one customer (issue 13): after the named routes, so /cost-to-serve stays theirs
  .get(
    '/:id',
    doc({
      summary: 'One customer: money figures explained, revenue, answers, complaints, cases',
      responses: { 200: json(customerDetailAnswer) },
    }),
    validate('param', z.object({ id: z.string().max(200) })),
    validate('query', z.object({ period: z.string().optional() })),
    async (c) => {
      const period = c.req.valid('query').period;
      const today = c.var.deps.today();
      return c.json(
        await customerDetail(
          c.var.deps.database.read,
          c.var.principal,
          c.req.valid('param').id,
          startedPeriod(period ?? today.slice(0, 7), today),
          c.var.deps.reportingCurrency,
        ),
      );
    },
  );
