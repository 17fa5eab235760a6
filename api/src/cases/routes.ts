import { CASE_CLOSE_REASONS, CONTACT_CHANNELS, CONTACT_OUTCOMES } from '@delight/db';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { authorizedScope, CASE_READERS, requireRole } from '../auth/access';
import type { AppEnv } from '../context';
import { parseScope } from '../lib/scope';
import { validate } from '../lib/validation';
import { describer, json } from '../openapi/describe';
import { CASE_SORTS, CASE_STATUS_FILTERS } from './queries';
import {
  caseClosed,
  caseDetail,
  caseList,
  caseReopened,
  casesReassigned,
  contactLogged,
} from './schemas';
import {
  type CaseContext,
  closeCase,
  getCase,
  listCases,
  logContact,
  reassignCases,
  reopenCase,
} from './service';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const timestamp = z
  .string()
  .regex(ISO, 'must be an ISO 8601 timestamp like 2026-03-04T10:00:00Z')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real date and time');
const externalId = z.string().trim().min(1).max(200);

const listQuery = z.object({
  scope: z.string().optional(),
  status: z.enum(CASE_STATUS_FILTERS).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  segment: externalId.optional(),
  owner: externalId.optional(),
  kind: z.enum(['response', 'complaint']).optional(),
  score_max: z.coerce.number().int().min(0).max(10).optional(),
  min_revenue: z
    .string()
    .regex(/^\d{1,15}(\.\d{1,6})?$/, 'must be a decimal amount like 1000 or 250.50')
    .optional(),
  sort: z.enum(CASE_SORTS).default('due'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});

export const contactBody = z.object({
  channel: z.enum(CONTACT_CHANNELS),
  outcome: z.enum(CONTACT_OUTCOMES),
  note: z.string().max(10_000).optional(),
  contacted_at: timestamp.optional(),
  employee: externalId.optional(),
});
const closeBody = z.object({
  reason: z.enum(CASE_CLOSE_REASONS),
  note: z.string().max(10_000).optional(),
});
const caseParam = z.object({ id: z.string().max(40) });
const doc = describer('Cases');

const reassignBody = z.object({
  ids: z.array(z.string().min(1).max(40)).min(1).max(500),
  owner: externalId,
});

export const caseContext = (c: Context<AppEnv>): CaseContext => ({
  principal: c.var.principal,
  currency: c.var.deps.reportingCurrency,
  now: new Date().toISOString(),
});

// /api/cases: the closed loop's work list (DESIGN.md, Closed loop).
export const caseRoutes = new Hono<AppEnv>()
  .get(
    '/',
    doc({ summary: 'Cases the caller may see (paged)', responses: { 200: json(caseList) } }),
    validate('query', listQuery),
    async (c) => {
      const q = c.req.valid('query');
      const principal = c.var.principal;
      requireRole(principal, ...CASE_READERS);
      const db = c.var.deps.database.read;
      // no scope: every case the caller may see; a named scope is checked like a money scope
      const scope =
        q.scope === undefined || q.scope === ''
          ? null
          : await authorizedScope(db, principal, parseScope(q.scope), 'money');
      return c.json(
        await listCases(
          db,
          caseContext(c),
          scope,
          {
            status: q.status,
            overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
            segment: q.segment,
            owner: q.owner,
            kind: q.kind,
            scoreMax: q.score_max,
            minRevenue: q.min_revenue,
          },
          { page: q.page, pageSize: q.page_size, sort: q.sort },
        ),
      );
    },
  )
  .post(
    '/reassign',
    doc({
      summary: 'Give cases to another owner (managers, admin); all or nothing',
      responses: { 200: json(casesReassigned) },
    }),
    validate('json', reassignBody),
    async (c) =>
      c.json(await reassignCases(c.var.deps.database.db, caseContext(c), c.req.valid('json'))),
  )
  .get(
    '/:id',
    doc({ summary: 'One case with its history', responses: { 200: json(caseDetail) } }),
    validate('param', caseParam),
    async (c) =>
      c.json(await getCase(c.var.deps.database.db, caseContext(c), c.req.valid('param').id)),
  )
  .post(
    '/:id/contacts',
    doc({ summary: 'Log a contact with the customer', responses: { 201: json(contactLogged) } }),
    validate('param', caseParam),
    validate('json', contactBody),
    async (c) =>
      c.json(
        await logContact(
          c.var.deps.database.db,
          caseContext(c),
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        201,
      ),
  )
  .post(
    '/:id/close',
    doc({ summary: 'Close a case with a reason', responses: { 200: json(caseClosed) } }),
    validate('param', caseParam),
    validate('json', closeBody),
    async (c) =>
      c.json(
        await closeCase(
          c.var.deps.database.db,
          caseContext(c),
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
      ),
  )
  .post(
    '/:id/reopen',
    doc({ summary: 'Re-open a closed case', responses: { 200: json(caseReopened) } }),
    validate('param', caseParam),
    async (c) =>
      c.json(await reopenCase(c.var.deps.database.db, caseContext(c), c.req.valid('param').id)),
  );
