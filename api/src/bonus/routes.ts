import { Readable } from 'node:stream';
import type { Executor } from '@delight/db';
import { Hono } from 'hono';
import { z } from 'zod';
import { allowRoles, isTeamMember, requireRole } from '../auth/access';
import type { Principal } from '../auth/principal';
import type { AppEnv } from '../context';
import { forbidden, isDomainError, unprocessable } from '../lib/errors';
import { startedPeriod } from '../lib/period';
import { resolveScope } from '../lib/scope';
import { validate } from '../lib/validation';
import { decimal, rational, role } from '../openapi/common';
import { describer, file, json } from '../openapi/describe';
import { checkPlan, problemsSummary } from '../plans/schema';
import { adjustmentAnswer, disputeAnswer, signOffAnswer } from './approval-schemas';
import { csvFileName, hrCsv } from './csv';
import { bonusPreview, previewPeriod } from './preview';
import type { Viewer } from './queries';
import { bonusRun } from './service';
import { statementFor } from './statement';
import { whatDoINeed } from './what-do-i-need';

const periodQuery = z.object({ period: z.string() });
// the plan is checked by checkPlan, so a bad plan is a 422 naming every problem
const previewBody = z.object({ period: z.string().optional(), plan: z.unknown() });
const exportQuery = z.object({
  period: z.string(),
  /** `spec`: DESIGN.md's columns only; default: plus payout_factor, so each row reconciles */
  columns: z.enum(['spec', 'reconciling']).default('reconciling'),
  /** the spec's `,` and `.` by default; `semicolon` and `comma` for a European spreadsheet (issue 14) */
  delimiter: z.enum(['comma', 'semicolon']).default('comma'),
  decimal: z.enum(['point', 'comma']).default('point'),
});
const employeeQuery = z.object({ period: z.string(), employee: z.string().optional() });

const doc = describer('Bonus');
const line = z.looseObject({
  kpi: z.string(),
  value: z.number().nullable(),
  n: z.number().int().nullable(),
  weight: z.number(),
  achievement: z.number().nullable(),
  contribution: z.number().nullable(),
  exact: z.record(z.string(), rational.nullable()),
});
const runRow = z.looseObject({
  employee: z.string(),
  name: z.string(),
  role,
  segment: z.string().nullable(),
  currency: z.string(),
  bonus_target: decimal,
  plan: z.string().nullable(),
  total_achievement: z.number().nullable(),
  bonus_amount: decimal,
  payout_factor: z.number().nullable(),
  /** what the plan pays; bonus_amount is this plus the adjustments */
  computed_amount: decimal,
  adjustments: z.array(adjustmentAnswer),
  adjustment_total: decimal,
  lines: z.array(line),
  exact: z.record(z.string(), rational.nullable()),
});
const periodHead = {
  period: z.string(),
  status: z.enum(['open', 'closed']),
  phase: z.string(),
  projection: z.boolean(),
  projection_text: z.string().nullable(),
};
const runAnswer = z.looseObject({
  ...periodHead,
  closed_at: z.string().nullable(),
  plans: z.record(z.string(), z.string()),
  visibility: z.string(),
  sign_off: signOffAnswer,
  rows: z.array(runRow),
  totals: z.array(
    z.object({
      currency: z.string(),
      employees: z.number().int(),
      bonus_target: decimal,
      bonus_amount: decimal,
    }),
  ),
});
const statementAnswer = z.looseObject({
  ...periodHead,
  row: runRow.nullable(),
  steps: z.array(z.string()),
  sign_off: signOffAnswer,
  disputes: z.array(disputeAnswer),
  can_dispute: z.boolean(),
});
const whatDoINeedAnswer = z.looseObject({
  period: z.string(),
  employee: z.string(),
  lines: z.array(z.looseObject({ kpi: z.string(), better: z.enum(['higher', 'lower']) })),
});
const previewAnswer = z.looseObject({ period: z.string() });

/**
 * Whose rows a caller sees in the run: hr and admin everyone, a segment manager
 * themself and their team, an executive only the totals (no individual pay).
 * Agents use their statement instead.
 */
function runViewer(p: Principal): { viewer: Viewer; totalsOnly: boolean } {
  requireRole(p, 'admin', 'hr', 'executive', 'segment_manager');
  if (p.role === 'segment_manager') {
    if (p.employeeId === null) throw forbidden('This login is not linked to an employee');
    return { viewer: { kind: 'team', managerId: p.employeeId }, totalsOnly: false };
  }
  return { viewer: { kind: 'all' }, totalsOnly: p.role === 'executive' };
}

/**
 * One employee's statement: hr and admin anyone, a segment manager themself and their
 * team, an agent only themself (403 for anyone else). Defaults to the caller.
 */
async function statementSubject(
  db: Executor,
  p: Principal,
  requested: string | undefined,
): Promise<{ dbId: number; externalId: string }> {
  requireRole(p, 'admin', 'hr', 'segment_manager', 'agent');
  const id = requested ?? p.employeeExternalId;
  if (!id) throw forbidden('Name an employee: this login is not linked to one');
  if (p.role === 'agent' && id !== p.employeeExternalId) {
    throw forbidden('An agent sees only their own statement');
  }
  // a manager asking for an id that does not exist gets the same 403 as for a
  // foreign one, so the answer does not reveal which ids exist
  const scope = await resolveScope(db, { kind: 'employee', id }).catch((err: unknown) => {
    if (p.role === 'segment_manager' && isDomainError(err, 'not_found')) {
      throw forbidden('A segment manager sees only their own team');
    }
    throw err;
  });
  const dbId = scope.dbId!;
  if (p.role === 'segment_manager' && dbId !== p.employeeId) {
    if (p.employeeId === null || !(await isTeamMember(db, p.employeeId, dbId))) {
      throw forbidden('A segment manager sees only their own team');
    }
  }
  return { dbId, externalId: id };
}

// /api/bonus: bonus run, statements, what-do-I-need, HR CSV.
export const bonusRoutes = new Hono<AppEnv>()
  .get(
    '/',
    doc({
      summary: 'The bonus run of a period: one row per employee the caller may see',
      responses: { 200: json(runAnswer) },
    }),
    validate('query', periodQuery),
    async (c) => {
      const { viewer, totalsOnly } = runViewer(c.var.principal);
      const period = startedPeriod(c.req.valid('query').period, c.var.deps.today());
      return c.json(
        await bonusRun(c.var.deps.database.db, period, viewer, totalsOnly, c.var.deps.today()),
      );
    },
  )
  .post(
    '/preview',
    doc({
      summary: 'The bonus run under a draft plan (admin; writes nothing)',
      responses: { 200: json(previewAnswer) },
    }),
    allowRoles('admin'),
    validate('json', previewBody),
    async (c) => {
      const body = c.req.valid('json');
      const checked = checkPlan(body.plan);
      if ('problems' in checked) {
        throw unprocessable(problemsSummary(checked.problems), checked.problems);
      }
      const db = c.var.deps.database.db;
      const period = await previewPeriod(
        db,
        body.period,
        checked.plan.period_kind,
        c.var.deps.today(),
      );
      return c.json(await bonusPreview(db, period, checked.plan));
    },
  )
  .get(
    '/statement',
    doc({
      summary: "One employee's bonus statement (default: the caller)",
      responses: { 200: json(statementAnswer) },
    }),
    validate('query', employeeQuery),
    async (c) => {
      const q = c.req.valid('query');
      const period = startedPeriod(q.period, c.var.deps.today());
      const db = c.var.deps.database.db;
      const subject = await statementSubject(db, c.var.principal, q.employee);
      return c.json(await statementFor(db, period, subject, c.var.deps.today()));
    },
  )
  .get(
    '/what-do-i-need',
    doc({
      summary: 'What each KPI needs to reach target and stretch',
      responses: { 200: json(whatDoINeedAnswer) },
    }),
    validate('query', employeeQuery),
    async (c) => {
      const q = c.req.valid('query');
      const period = startedPeriod(q.period, c.var.deps.today());
      const db = c.var.deps.database.db;
      const subject = await statementSubject(db, c.var.principal, q.employee);
      return c.json(await whatDoINeed(db, period, subject));
    },
  )
  .get(
    '/export.csv',
    doc({
      summary: 'The HR CSV of a period (admin, hr)',
      responses: { 200: file('text/csv', 'The HR CSV') },
    }),
    validate('query', exportQuery),
    async (c) => {
      requireRole(c.var.principal, 'admin', 'hr');
      const q = c.req.valid('query');
      const period = startedPeriod(q.period, c.var.deps.today());
      const format = { delimiter: q.delimiter, decimal: q.decimal };
      const stream = await hrCsv(
        c.var.deps.database.db,
        period,
        { kind: 'all' },
        q.columns,
        format,
      );
      return c.body(Readable.toWeb(stream) as ReadableStream<Uint8Array>, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${csvFileName(period.key)}"`,
        'cache-control': 'no-store',
      });
    },
  );
