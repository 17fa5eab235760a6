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
import { checkPlan, problemsSummary } from '../plans/schema';
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
  .get('/', validate('query', periodQuery), async (c) => {
    const { viewer, totalsOnly } = runViewer(c.var.principal);
    const period = startedPeriod(c.req.valid('query').period, c.var.deps.today());
    return c.json(
      await bonusRun(c.var.deps.database.db, period, viewer, totalsOnly, c.var.deps.today()),
    );
  })
  .post('/preview', allowRoles('admin'), validate('json', previewBody), async (c) => {
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
  })
  .get('/statement', validate('query', employeeQuery), async (c) => {
    const q = c.req.valid('query');
    const period = startedPeriod(q.period, c.var.deps.today());
    const db = c.var.deps.database.db;
    const subject = await statementSubject(db, c.var.principal, q.employee);
    return c.json(await statementFor(db, period, subject, c.var.deps.today()));
  })
  .get('/what-do-i-need', validate('query', employeeQuery), async (c) => {
    const q = c.req.valid('query');
    const period = startedPeriod(q.period, c.var.deps.today());
    const db = c.var.deps.database.db;
    const subject = await statementSubject(db, c.var.principal, q.employee);
    return c.json(await whatDoINeed(db, period, subject));
  })
  .get('/export.csv', validate('query', exportQuery), async (c) => {
    requireRole(c.var.principal, 'admin', 'hr');
    const q = c.req.valid('query');
    const period = startedPeriod(q.period, c.var.deps.today());
    const format = { delimiter: q.delimiter, decimal: q.decimal };
    const stream = await hrCsv(c.var.deps.database.db, period, { kind: 'all' }, q.columns, format);
    return c.body(Readable.toWeb(stream) as ReadableStream<Uint8Array>, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${csvFileName(period.key)}"`,
      'cache-control': 'no-store',
    });
  });
