import { Hono } from 'hono';
import { z } from 'zod';
import { authorizedScope } from '../auth/access';
import { loadPeriodState } from '../bonus/service';
import { statementFor } from '../bonus/statement';
import type { AppEnv } from '../context';
import { detectLocale, formatterOf } from '../i18n/request';
import { startedPeriod } from '../lib/period';
import { formatScope, parseScope } from '../lib/scope';
import { validate } from '../lib/validation';
import { describer, file } from '../openapi/describe';
import { requireBoardPackRole, requireRunStatementsRole, statementSubject } from './access';
import { archiveFileName, statementsArchive } from './archive';
import { boardPackData } from './board-pack';
import { renderBoardPack } from './board-pack-pdf';
import { dataAsOf } from './queries';
import { renderStatement } from './statement-pdf';

// period and scope stay plain strings: startedPeriod / parseScope give the clear 400s;
// `lang` is read by detectLocale (an unsupported one falls back, it is no error)
const lang = z
  .string()
  .optional()
  .describe('language of the PDF (en, ru, uk, lv, bg); else the stored one, else Accept-Language');
const boardQuery = z.object({
  period: z.string({ error: 'period is required (e.g. 2026-Q1)' }),
  scope: z.string().optional(),
  lang,
});
const statementQuery = z.object({
  period: z.string({ error: 'period is required (e.g. 2026-Q1)' }),
  employee: z.string().optional(),
  lang,
});
const runQuery = z.object({
  period: z.string({ error: 'period is required (e.g. 2026-Q1)' }),
  lang,
});

const doc = describer('Reports');

const safeName = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '_');

function pdfHeaders(fileName: string, bytes: number, locale: string): Record<string, string> {
  return {
    'content-type': 'application/pdf',
    'content-language': locale,
    'content-disposition': `attachment; filename="${fileName}"`,
    'content-length': String(bytes),
    // pay and KPI figures: never kept by a shared cache
    'cache-control': 'no-store',
  };
}

// /api/reports: documents made from the dashboards' figures (issue 17).
export const reportRoutes = new Hono<AppEnv>().get(
  '/executive.pdf',
  doc({
    summary: 'The executive board pack (PDF)',
    responses: { 200: file('application/pdf', 'The board pack') },
  }),
  detectLocale,
  validate('query', boardQuery),
  async (c) => {
    const principal = c.var.principal;
    requireBoardPackRole(principal);
    const q = c.req.valid('query');
    const { database, reportingCurrency } = c.var.deps;
    const period = startedPeriod(q.period, c.var.deps.today());
    const scope = await authorizedScope(database.db, principal, parseScope(q.scope), 'money');
    const data = await boardPackData(database.db, principal, period, scope, reportingCurrency);
    const fmt = formatterOf(c);
    const pdf = await renderBoardPack(data, fmt, new Date());
    const name = `board-pack-${period.key}-${safeName(formatScope(scope))}.pdf`;
    return c.body(new Uint8Array(pdf), 200, pdfHeaders(name, pdf.length, fmt.locale));
  },
);

// Mounted beside bonusRoutes at /api/bonus: the statement as a PDF, and a run's statements.
export const bonusDocumentRoutes = new Hono<AppEnv>()
  .get(
    '/statement.pdf',
    doc({
      summary: "One employee's bonus statement (PDF)",
      tags: ['Bonus'],
      responses: { 200: file('application/pdf', 'The statement') },
    }),
    detectLocale,
    validate('query', statementQuery),
    async (c) => {
      const q = c.req.valid('query');
      const period = startedPeriod(q.period, c.var.deps.today());
      const database = c.var.deps.database.db;
      const subject = await statementSubject(database, c.var.principal, q.employee);
      // the row, the period's state and the data's freshness from one snapshot
      const data = await database.transaction(
        async (tx) => {
          const statement = await statementFor(tx, period, subject);
          const state = await loadPeriodState(tx, period);
          return {
            period,
            status: statement.status,
            closedAt: state.closed_at,
            signOff: statement.sign_off,
            row: statement.row,
            dataAsOf: await dataAsOf(tx),
          };
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      );
      const fmt = formatterOf(c);
      const pdf = await renderStatement(data, fmt, new Date());
      const name = `statement-${period.key}-${safeName(subject.externalId)}.pdf`;
      return c.body(new Uint8Array(pdf), 200, pdfHeaders(name, pdf.length, fmt.locale));
    },
  )
  .get(
    '/statements.zip',
    doc({
      summary: "Every statement of a period's run (ZIP of PDFs)",
      tags: ['Bonus'],
      responses: { 200: file('application/zip', 'The statements') },
    }),
    detectLocale,
    validate('query', runQuery),
    async (c) => {
      requireRunStatementsRole(c.var.principal);
      const period = startedPeriod(c.req.valid('query').period, c.var.deps.today());
      const fmt = formatterOf(c);
      const stream = await statementsArchive(c.var.deps.database.db, period, fmt, new Date());
      return c.body(stream, 200, {
        'content-type': 'application/zip',
        'content-language': fmt.locale,
        'content-disposition': `attachment; filename="${archiveFileName(period.key)}"`,
        'cache-control': 'no-store',
      });
    },
  );
