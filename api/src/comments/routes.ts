import { RESPONSE_KINDS } from '@delight/db';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { authorizedScope, visibleCustomers } from '../auth/access';
import type { Principal } from '../auth/principal';
import { commentPageAnswer } from '../cases/schemas';
import type { AppEnv } from '../context';
import { badRequest } from '../lib/errors';
import { parsePeriod } from '../lib/period';
import { parseScope, type Scope } from '../lib/scope';
import { validate } from '../lib/validation';
import { describer, json } from '../openapi/describe';
import { commentPage } from './queries';

const query = z.object({
  scope: z.string().optional(),
  period: z.string().optional(),
  q: z.string().max(200).optional(),
  kind: z.enum(RESPONSE_KINDS).optional(),
  score_min: z.coerce.number().int().min(0).max(10).optional(),
  score_max: z.coerce.number().int().min(0).max(10).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
});

/** No scope: a manager their segments, an agent their own answers, others the company. */
function defaultScope(p: Principal, text: string | undefined): Scope {
  if (text === undefined || text === '') {
    if (p.role === 'segment_manager' && p.employeeExternalId) {
      return { kind: 'manager', id: p.employeeExternalId };
    }
    if (p.role === 'agent' && p.employeeExternalId) {
      return { kind: 'employee', id: p.employeeExternalId };
    }
  }
  return parseScope(text);
}

// GET /api/responses: what customers wrote, beside the numbers (DESIGN.md, Closed loop).
export const commentRoutes = new Hono<AppEnv>().get(
  '/',
  describer('Comments')({
    summary: 'What customers wrote (search, paged), in the caller’s scope',
    responses: { 200: json(commentPageAnswer) },
  }),
  validate('query', query),
  async (c) => {
    const q = c.req.valid('query');
    const db = c.var.deps.database.read;
    const principal = c.var.principal;
    // customer data: the scopes of the customer lists (hr sees none)
    const scope = await authorizedScope(db, principal, defaultScope(principal, q.scope), 'money');
    const period = q.period ? parsePeriod(q.period) : null;
    if (q.score_min !== undefined && q.score_max !== undefined && q.score_min > q.score_max) {
      throw badRequest('score_min must not be above score_max');
    }
    const words = (q.q ?? '')
      .split(/\s+/u)
      .filter((w) => w.length > 0)
      .slice(0, 10);
    // an agent's only scope is themself: the answers given to them, whoever's customer it is
    const visible = principal.role === 'agent' ? sql`true` : visibleCustomers(principal);
    const { rows, total } = await commentPage(db, {
      scope,
      visible,
      from: period ? `${period.start}T00:00:00Z` : undefined,
      to: period ? `${period.end}T00:00:00Z` : undefined,
      kind: q.kind,
      scoreMin: q.score_min,
      scoreMax: q.score_max,
      words,
      limit: q.page_size,
      offset: (q.page - 1) * q.page_size,
    });
    return c.json({
      scope: scope.kind === 'company' ? 'company' : `${scope.kind}:${scope.id}`,
      period: period?.key ?? null,
      q: q.q ?? null,
      page: q.page,
      page_size: q.page_size,
      total,
      rows,
    });
  },
);
