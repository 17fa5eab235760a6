/**
 * The deterministic demo company: a seed and an as-of date in, the DESIGN.md import
 * files out (as strings). Everything happens strictly before the as-of day, so the
 * demo never contains the future; revenue covers the 24 full months before it.
 *
 * One hidden variable drives the story: each customer's `mood` (segment climate plus
 * personal noise plus their account manager's skill). Survey scores, complaint rates,
 * churn and the way complaints end all follow from mood and agent skill, so the KPIs,
 * the money figures and the bonus screens tell one consistent story.
 */
import type { Role } from '@delight/db';
import { stringify } from 'csv-stringify/sync';
import { applyChurn } from './churn';
import { generateComplaints, numberComplaints } from './complaints';
import { createContext } from './context';
import { generateCustomers } from './customers';
import {
  formatDay,
  formatInstant,
  formatMonth,
  monthStartDay,
  parseDay,
  quarterStartMonth,
  todayUtc,
} from './dates';
import { generateFx } from './fx';
import { CURRENCY, formatCents, segmentById } from './model';
import { generatePeople } from './people';
import { DEMO_ASSUMPTIONS, demoPlans } from './plans';
import { generateRecovery } from './recovery';
import { generateResponses } from './responses';
import { generateRevenue } from './revenue';
import { plantSignals } from './signals';

export { DEMO_MONTHS } from './context';

export const DEMO_FILE_NAMES = [
  'employees.csv',
  'segments.csv',
  'customers.csv',
  'fx_rates.csv',
  'revenue.csv',
  'responses.csv',
  'complaints.csv',
  'recovery_actions.csv',
  'plans.json',
  'assumptions.json',
] as const;
export type DemoFileName = (typeof DEMO_FILE_NAMES)[number];

export interface DemoOptions {
  seed?: number;
  /** YYYY-MM-DD; the data ends the day before. Default: today (UTC). */
  asOf?: string;
}

export interface DemoUser {
  email: string;
  password: string;
  role: Role;
  /** external_id of the employee the sign-in belongs to */
  employee: string | null;
}

export interface Demo {
  files: Record<DemoFileName, string>;
  users: DemoUser[];
}

export const DEFAULT_DEMO_SEED = 2026;

const csv = (columns: string[], rows: (string | number | null)[][]) =>
  stringify(rows, { header: true, columns });

export function generateDemo(options: DemoOptions = {}): Demo {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const asOf = parseDay(options.asOf ?? todayUtc());
  const ctx = createContext(seed, asOf);
  const { asOfMonth, firstMonth } = ctx.cal;

  const fx = generateFx(ctx);
  const rateOf = fx.rateOf;
  const { executive, hr, admin, managerOf } = generatePeople(ctx);
  const employees = ctx.employees;
  const segments = ctx.segments;
  const seg = (id: string) => segmentById(segments, id);

  generateCustomers(ctx);
  const customers = ctx.customers;
  const complaintsOf = generateComplaints(ctx);
  applyChurn(ctx, complaintsOf);
  const signals = plantSignals(ctx);
  numberComplaints(ctx);
  const complaints = ctx.complaints;
  generateRecovery(ctx, fx, signals.complaints);
  const actions = ctx.actions;
  generateResponses(ctx, complaintsOf, signals.responses);
  const responses = ctx.responses;
  generateRevenue(ctx, fx);
  const revenueRows = ctx.revenue.map((r) => [
    r.customer.externalId,
    formatMonth(r.month),
    formatCents(r.cents),
    r.currency,
  ]);

  // ---- Files
  const files: Record<DemoFileName, string> = {
    'employees.csv': csv(
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
        e.leftOn === null ? null : formatDay(e.leftOn),
      ]),
    ),
    'segments.csv': csv(
      ['external_id', 'name', 'manager'],
      segments.map((s) => [s.id, s.name, s.manager.externalId]),
    ),
    'customers.csv': csv(
      ['external_id', 'name', 'segment', 'account_manager', 'acquired_on', 'churned_on'],
      customers.map((c) => [
        c.externalId,
        c.name,
        c.segment.id,
        c.accountManager?.externalId ?? null,
        formatDay(c.acquiredOn),
        c.churnedOn === null ? null : formatDay(c.churnedOn),
      ]),
    ),
    'fx_rates.csv': csv(
      ['month', 'currency', 'rate'],
      fx.months.flatMap((m) =>
        ['BGN', 'UAH'].map((cur) => [formatMonth(m), cur, rateOf(cur, m).toFixed(6)]),
      ),
    ),
    'revenue.csv': csv(['customer', 'month', 'amount', 'currency'], revenueRows),
    'responses.csv': csv(
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
    ),
    'complaints.csv': csv(
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
        k.firstResponseAt === null ? null : formatInstant(k.firstResponseAt),
        k.resolvedAt === null ? null : formatInstant(k.resolvedAt),
        k.validity,
        k.severity,
        k.followUpAt === null ? null : formatInstant(k.followUpAt),
      ]),
    ),
    'recovery_actions.csv': csv(
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
    ),
    'plans.json': `${JSON.stringify(
      demoPlans(
        formatDay(monthStartDay(quarterStartMonth(firstMonth))),
        formatDay(monthStartDay(quarterStartMonth(asOfMonth) - 12)),
      ),
      null,
      2,
    )}\n`,
    'assumptions.json': `${JSON.stringify(DEMO_ASSUMPTIONS, null, 2)}\n`,
  };

  // One sign-in per role; the manager runs two segments and the agent is a strong veteran,
  // so both first screens have something to show.
  const rigaManager = managerOf.get('S04')!;
  const rigaAgent = seg('S04').agents[0]!;
  const users: DemoUser[] = [
    {
      email: 'admin@delight.example',
      password: 'delight-admin',
      role: 'admin',
      employee: admin.externalId,
    },
    {
      email: 'executive@delight.example',
      password: 'delight-executive',
      role: 'executive',
      employee: executive.externalId,
    },
    { email: 'hr@delight.example', password: 'delight-hr', role: 'hr', employee: hr.externalId },
    {
      email: 'manager@delight.example',
      password: 'delight-manager',
      role: 'segment_manager',
      employee: rigaManager.externalId,
    },
    {
      email: 'agent@delight.example',
      password: 'delight-agent',
      role: 'agent',
      employee: rigaAgent.externalId,
    },
  ];
  return { files, users };
}
