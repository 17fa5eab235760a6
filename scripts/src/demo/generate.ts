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
  DAY_MS,
  formatDay,
  formatInstant,
  formatMonth,
  HOUR_MS,
  monthOfDay,
  monthStartDay,
  parseDay,
  quarterStartMonth,
  todayUtc,
} from './dates';
import { generateFx } from './fx';
import {
  type Complaint,
  CURRENCY,
  type Customer,
  clamp,
  cmp,
  type Employee,
  formatCents,
  activeAgent as pickAgent,
  type RecoveryAction,
  type RecoveryKind,
  type Segment,
  type SegmentKind,
  type SurveyResponse,
  segmentById,
  worksOn,
} from './model';
import { type Sentiment, surveyComment } from './names';
import { generatePeople } from './people';
import { DEMO_ASSUMPTIONS, demoPlans } from './plans';
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
  const { asOfMonth, firstMonth, firstDay } = ctx.cal;
  const rngEvents = ctx.rng.events;
  const rngRevenue = ctx.rng.revenue;

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
  const actions: RecoveryAction[] = [];
  const rng = rngEvents;
  const activeAgent = (s: Segment, day: number, prefer: Employee | null, preferP: number) =>
    pickAgent(rng, s, day, prefer, preferP);
  const planted = signals.responses;
  const plantedComplaints = signals.complaints;

  // ---- Recovery actions, costed in EUR and billed in the customer's currency.
  const costEur: Record<RecoveryKind, (c: Customer) => number> = {
    apology_email: () => 1.5,
    apology_call: () => 4,
    handwritten_letter: () => rng.real(10, 15),
    meeting: () => rng.real(60, 140),
    gift: () => rng.real(25, 90),
    free_service: () => rng.real(180, 900),
    discount: (c) => c.baseEur * rng.real(0.05, 0.15),
    refund: (c) => c.baseEur * rng.real(0.2, 0.6),
  };
  const addAction = (
    k: Complaint,
    kind: RecoveryKind,
    at: number,
    employee: Employee,
    eur?: number,
  ) => {
    if (at >= asOf * DAY_MS) return;
    const currency = k.customer.currency;
    const local =
      (eur ?? costEur[kind](k.customer)) / rateOf(currency, monthOfDay(Math.floor(at / DAY_MS)));
    // Hryvnia costs are booked in whole units, the others to the cent.
    const costCents = currency === 'UAH' ? Math.round(local) * 100 : Math.round(local * 100);
    actions.push({ complaint: k, kind, costCents, currency, performedAt: at, employee });
  };
  const plantedSet = new Set(plantedComplaints);
  for (const k of complaints) {
    // planted signal cases take no recovery action: the other streams stay as they were
    if (plantedSet.has(k)) continue;
    const c = k.customer;
    const early = (k.firstResponseAt ?? k.openedAt) + rng.real(0, 3) * HOUR_MS;
    const after = k.resolvedAt === null ? null : k.resolvedAt + rng.real(2, 96) * HOUR_MS;
    const signer = rng.chance(0.5) ? c.segment.manager : k.handler;
    if (k.validity === 'unfounded') {
      if (rng.chance(0.3)) addAction(k, 'apology_email', early, k.handler); // goodwill
      continue;
    }
    if (k.validity === 'pending') {
      if (rng.chance(0.5)) addAction(k, 'apology_call', early, k.handler);
      continue;
    }
    if (c.costly && k.severity === 'high') {
      addAction(k, 'apology_call', early, k.handler);
      if (after !== null) addAction(k, 'free_service', after, k.handler, rng.real(700, 950));
      continue;
    }
    if (k.severity === 'low') {
      addAction(k, rng.chance(0.7) ? 'apology_email' : 'apology_call', early, k.handler);
      if (after !== null && rng.chance(0.1)) addAction(k, 'discount', after, k.handler);
    } else if (k.severity === 'medium') {
      addAction(k, 'apology_call', early, k.handler);
      if (after !== null) {
        const kind = rng.weighted({ handwritten_letter: 0.4, gift: 0.3, discount: 0.2, none: 0.1 });
        if (kind !== 'none')
          addAction(k, kind, after, kind === 'handwritten_letter' ? signer : k.handler);
      }
    } else {
      addAction(k, 'apology_call', early, k.handler);
      if (rng.chance(0.6)) addAction(k, 'meeting', early + rng.real(20, 72) * HOUR_MS, signer);
      if (after !== null) {
        const kind = rng.weighted({ free_service: 0.5, refund: 0.3, gift: 0.2 });
        addAction(k, kind, after, k.handler);
        if (rng.chance(0.4)) addAction(k, 'handwritten_letter', after + 24 * HOUR_MS, signer);
      }
    }
  }
  actions.sort(
    (a, b) => a.performedAt - b.performedAt || cmp(a.complaint.externalId, b.complaint.externalId),
  );

  // ---- Survey responses
  const responses: SurveyResponse[] = [];
  const RATES: Record<SegmentKind, { nps: number; csat: number; ces: number }> = {
    smb: { nps: 0.22, csat: 0.4, ces: 0.25 },
    retail: { nps: 0.2, csat: 0.35, ces: 0.22 },
    enterprise: { nps: 0.45, csat: 0.75, ces: 0.5 },
  };
  const sentimentOf = (kind: 'nps' | 'csat' | 'ces', score: number): Sentiment => {
    const [bad, good] = ({ nps: [6, 9], csat: [2, 4], ces: [3, 6] } as const)[kind];
    return score <= bad ? 'negative' : score >= good ? 'positive' : 'neutral';
  };
  for (const c of customers) {
    const start = Math.max(c.acquiredOn, firstDay);
    const end = c.churnedOn ?? asOf; // no answers from the day a customer is gone
    const list = complaintsOf.get(c)!;
    for (let m = monthOfDay(start); m <= asOfMonth; m++) {
      const from = Math.max(monthStartDay(m), start);
      const to = Math.min(monthStartDay(m + 1), end);
      if (to <= from) continue;
      const share = (to - from) / 30.4;
      for (const kind of ['nps', 'csat', 'ces'] as const) {
        const n = rng.poisson(RATES[c.segment.kind][kind] * share);
        for (let i = 0; i < n; i++) {
          const day = rng.int(from, to - 1);
          const at = day * DAY_MS + rng.int(5 * 3600, 21 * 3600) * 1000;
          let employee: Employee | null;
          if (kind === 'nps') {
            // relationship survey: about the account manager when there is one
            employee =
              c.accountManager && worksOn(c.accountManager, day) && rng.chance(0.8)
                ? c.accountManager
                : rng.chance(0.3)
                  ? activeAgent(c.segment, day, null, 0)
                  : null;
          } else {
            employee = rng.chance(0.9) ? activeAgent(c.segment, day, c.accountManager, 0.4) : null;
          }
          // A fresh, still open complaint sours answers; a followed-up one sweetens them a bit.
          let effect = 0;
          for (const k of list) {
            if (k.validity !== 'valid') continue;
            if (
              at >= k.openedAt &&
              at < k.openedAt + 30 * 24 * HOUR_MS &&
              (k.followUpAt ?? Infinity) > at
            )
              effect -= 0.7;
            else if (
              k.followUpAt !== null &&
              at >= k.followUpAt &&
              at < k.followUpAt + 120 * 24 * HOUR_MS
            )
              effect += 0.25;
          }
          const trend = (0.1 * (day - firstDay)) / 365; // the company slowly gets better
          const latent = c.mood + (employee?.skill ?? 0) + effect + trend + rng.normal(0, 1);
          const score =
            kind === 'nps'
              ? clamp(Math.round(8.1 + 1.7 * latent), 0, 10)
              : kind === 'csat'
                ? clamp(Math.round(4.2 + 0.85 * latent), 1, 5)
                : clamp(Math.round(5.3 + 1.1 * latent), 1, 7);
          const comment = rng.chance(kind === 'nps' ? 0.3 : 0.15)
            ? surveyComment(rng, c.segment.country, sentimentOf(kind, score))
            : null;
          responses.push({ customer: c, employee, kind, score, respondedAt: at, comment });
        }
      }
    }
  }
  responses.push(...planted);
  responses.sort(
    (a, b) => a.respondedAt - b.respondedAt || cmp(a.customer.externalId, b.customer.externalId),
  );

  // ---- Revenue: 24 full months before the as-of month, in the customer's currency.
  const SEASON: Record<SegmentKind, number[]> = {
    smb: [0.9, 0.95, 1, 1, 1, 1, 0.9, 0.85, 1, 1.05, 1.05, 1.1],
    retail: [0.85, 0.85, 0.95, 1, 1, 0.95, 0.9, 0.9, 1, 1, 1.1, 1.35],
    enterprise: [1, 1, 1.15, 1, 1, 1.15, 1, 1, 1.15, 1, 1, 1.15],
  };
  const revenueRows: (string | number | null)[][] = [];
  for (const c of customers) {
    for (let m = firstMonth; m < asOfMonth; m++) {
      const from = Math.max(monthStartDay(m), c.acquiredOn);
      const to = Math.min(monthStartDay(m + 1), c.churnedOn ?? Infinity);
      if (to <= from) continue;
      if (c.segment.kind === 'smb' && rngRevenue.chance(0.03)) continue; // a quiet month
      const days = monthStartDay(m + 1) - monthStartDay(m);
      let eur =
        c.baseEur *
        (SEASON[c.segment.kind][m % 12] ?? 1) *
        (1 + c.growth) ** ((m - firstMonth) / 12) *
        rngRevenue.logNormal(1, 0.08) *
        ((to - from) / days);
      // Business fades in the months before a customer leaves.
      if (c.churnedOn !== null) {
        const monthsLeft = monthOfDay(c.churnedOn) - m;
        if (monthsLeft <= 3) eur *= [0.5, 0.5, 0.7, 0.85][monthsLeft] ?? 1;
      }
      const local = eur / rateOf(c.currency, m);
      revenueRows.push([
        c.externalId,
        formatMonth(m),
        formatCents(Math.round(local * 100)),
        c.currency,
      ]);
    }
  }

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
