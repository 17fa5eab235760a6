import type { Db } from '@delight/db';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { authorizedScope } from '../auth/access';
import type { Principal } from '../auth/principal';
import type { AppEnv } from '../context';
import { type Period, startedPeriod } from '../lib/period';
import { parseScope, type ResolvedScope, type Scope } from '../lib/scope';
import { validate } from '../lib/validation';
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

// /api/customers: customer list and the cost-to-serve (let-go) list.
export const customerRoutes = new Hono<AppEnv>()
  .get('/', validate('query', listQuery), async (c) => {
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
  })
  .get('/cost-to-serve', validate('query', scopeQuery), async (c) => {
    const q = c.req.valid('query');
    const { db, principal, period, scope, currency } = await customersRequest(c, q);
    return c.json(await letGoList(db, principal, period, scope, currency));
  })
  // Beside the customer list on purpose: the same default scope, scope check and SQL
  // visibility filter, so the log can never show an action on a customer the list hides.
  .get('/recovery-log', validate('query', logQuery), async (c) => {
    const q = c.req.valid('query');
    const { db, principal, period, scope, currency } = await customersRequest(c, q);
    return c.json(
      await recoveryLog(db, principal, period, scope, currency, {
        page: q.page,
        pageSize: q.page_size,
      }),
    );
  })
  // one customer (issue 13): after the named routes, so /cost-to-serve stays theirs
  .get('/:id', validate('query', z.object({ period: z.string().optional() })), async (c) => {
    const period = c.req.valid('query').period;
    const today = c.var.deps.today();
    return c.json(
      await customerDetail(
        c.var.deps.database.read,
        c.var.principal,
        c.req.param('id'),
        startedPeriod(period ?? today.slice(0, 7), today),
        c.var.deps.reportingCurrency,
      ),
    );
  });
