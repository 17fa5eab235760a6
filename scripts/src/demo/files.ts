/**
 * Files: the DESIGN.md import files, as strings, from what the sections put in the context.
 * A new file adds its name to DEMO_FILE_NAMES (the Record type then asks for its writer in
 * demoFiles) and a small writer function below.
 */
import { stringify } from 'csv-stringify/sync';
import type { DemoContext } from './context';
import { formatDay, formatInstant, formatMonth, monthStartDay, quarterStartMonth } from './dates';
import type { FxRates } from './fx';
import {
  type Complaint,
  CURRENCY,
  type Customer,
  type Employee,
  formatCents,
  type RecoveryAction,
  type RevenueRow,
  type Segment,
  type SurveyResponse,
} from './model';
import { DEMO_ASSUMPTIONS, demoPlans } from './plans';

export const DEMO_FILE_NAMES = [
  'employees.csv',
  'segments.csv',
  'customers.csv',
  'fx_rates.csv',
  'revenue.csv',
  'responses.csv',
  'complaints.csv',
  'recovery_actions.csv',
  'contacts.csv',
  'plans.json',
  'assumptions.json',
] as const;
export type DemoFileName = (typeof DEMO_FILE_NAMES)[number];

type Cell = string | number | null;
const csv = (columns: string[], rows: Cell[][]) => stringify(rows, { header: true, columns });
const day = (d: number | null) => (d === null ? null : formatDay(d));
const instant = (t: number | null) => (t === null ? null : formatInstant(t));
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const employeesCsv = (employees: readonly Employee[]) =>
  csv(
    [
      'external_id',
      'name',
      'email',
      'role',
      'segment',
      'bonus_target',
      'currency',
      'hired_on',
      'left_on',
    ],
    employees.map((e) => [
      e.externalId,
      e.name.full,
      e.email,
      e.role,
      e.segment,
      e.bonusTarget,
      CURRENCY[e.country],
      formatDay(e.hiredOn),
      day(e.leftOn),
    ]),
  );

const segmentsCsv = (segments: readonly Segment[]) =>
  csv(
    ['external_id', 'name', 'manager'],
    segments.map((s) => [s.id, s.name, s.manager.externalId]),
  );

const customersCsv = (customers: readonly Customer[]) =>
  csv(
    ['external_id', 'name', 'segment', 'account_manager', 'acquired_on', 'churned_on'],
    customers.map((c) => [
      c.externalId,
      c.name,
      c.segment.id,
      c.accountManager?.externalId ?? null,
      formatDay(c.acquiredOn),
      day(c.churnedOn),
    ]),
  );

const fxCsv = (fx: FxRates) =>
  csv(
    ['month', 'currency', 'rate'],
    fx.months.flatMap((m) =>
      ['BGN', 'UAH'].map((cur) => [formatMonth(m), cur, fx.rateOf(cur, m).toFixed(6)]),
    ),
  );

const revenueCsv = (rows: readonly RevenueRow[]) =>
  csv(
    ['customer', 'month', 'amount', 'currency'],
    rows.map((r) => [
      r.customer.externalId,
      formatMonth(r.month),
      formatCents(r.cents),
      r.currency,
    ]),
  );

const responsesCsv = (responses: readonly SurveyResponse[]) =>
  csv(
    ['external_id', 'customer', 'employee', 'kind', 'score', 'responded_at', 'comment'],
    responses.map((r, i) => [
      `R${String(i + 1).padStart(6, '0')}`,
      r.customer.externalId,
      r.employee?.externalId ?? null,
      r.kind,
      r.score,
      formatInstant(r.respondedAt),
      r.comment,
    ]),
  );

const complaintsCsv = (complaints: readonly Complaint[]) =>
  csv(
    [
      'external_id',
      'customer',
      'employee',
      'opened_at',
      'first_response_at',
      'resolved_at',
      'validity',
      'severity',
      'follow_up_at',
    ],
    complaints.map((k) => [
      k.externalId,
      k.customer.externalId,
      k.handler.externalId,
      formatInstant(k.openedAt),
      instant(k.firstResponseAt),
      instant(k.resolvedAt),
      k.validity,
      k.severity,
      instant(k.followUpAt),
    ]),
  );

const actionsCsv = (actions: readonly RecoveryAction[]) =>
  csv(
    ['external_id', 'complaint', 'kind', 'cost', 'currency', 'performed_at', 'employee'],
    actions.map((a, i) => [
      `A${String(i + 1).padStart(5, '0')}`,
      a.complaint.externalId,
      a.kind,
      formatCents(a.costCents),
      a.currency,
      formatInstant(a.performedAt),
      a.employee.externalId,
    ]),
  );

/** Plan versions from the first demo month's quarter and from four quarters before now. */
const plansJson = (ctx: DemoContext) =>
  json(
    demoPlans(
      formatDay(monthStartDay(quarterStartMonth(ctx.cal.firstMonth))),
      formatDay(monthStartDay(quarterStartMonth(ctx.cal.asOfMonth) - 12)),
    ),
  );

export function demoFiles(ctx: DemoContext, fx: FxRates): Record<DemoFileName, string> {
  return {
    'employees.csv': employeesCsv(ctx.employees),
    'segments.csv': segmentsCsv(ctx.segments),
    'customers.csv': customersCsv(ctx.customers),
    'fx_rates.csv': fxCsv(fx),
    'revenue.csv': revenueCsv(ctx.revenue),
    'responses.csv': responsesCsv(ctx.responses),
    'complaints.csv': complaintsCsv(ctx.complaints),
    'recovery_actions.csv': actionsCsv(ctx.actions),
    'contacts.csv': csv(
      [
        'external_id',
        'response',
        'complaint',
        'employee',
        'contacted_at',
        'channel',
        'outcome',
        'note',
      ],
      ctx.contacts,
    ),
    'plans.json': plansJson(ctx),
    'assumptions.json': json(DEMO_ASSUMPTIONS),
  };
}
