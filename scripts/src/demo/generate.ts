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
import { createContext, DEMO_MONTHS } from './context';
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
  type Severity,
  type SurveyResponse,
  segmentById,
  type Validity,
  worksOn,
} from './model';
import { companyName, type Sentiment, surveyComment } from './names';
import { generatePeople } from './people';
import { DEMO_ASSUMPTIONS, demoPlans } from './plans';

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
  const { asOfMonth, firstMonth, firstDay, lastDay } = ctx.cal;
  const rngCustomers = ctx.rng.customers;
  const rngEvents = ctx.rng.events;
  const rngRevenue = ctx.rng.revenue;

  const fx = generateFx(ctx);
  const rateOf = fx.rateOf;
  const { executive, hr, admin, managerOf } = generatePeople(ctx);
  const employees = ctx.employees;
  const segments = ctx.segments;
  const seg = (id: string) => segmentById(segments, id);

  // ---- Customers
  const customers: Customer[] = [];
  const usedNames = new Set<string>();
  for (const s of segments) {
    const count = Math.round(s.customerCount * rngCustomers.real(0.9, 1.1));
    const current = s.agents.filter((a) => a.leftOn === null);
    const enterprise = s.kind === 'enterprise';
    for (let i = 0; i < count; i++) {
      let name = companyName(rngCustomers, s.country, enterprise);
      for (let tries = 0; usedNames.has(name) && tries < 20; tries++) {
        name = companyName(rngCustomers, s.country, enterprise);
      }
      if (usedNames.has(name)) name = `${name} (${s.name})`;
      usedNames.add(name);

      let accountManager: Employee | null = null;
      if (enterprise)
        accountManager = rngCustomers.chance(0.2) ? s.manager : rngCustomers.pick(current);
      else if (rngCustomers.chance(0.85)) accountManager = rngCustomers.pick(current);

      // A quarter of the book was won during the demo window, the rest earlier.
      const acquiredOn = rngCustomers.chance(0.25)
        ? rngCustomers.int(firstDay, lastDay - 20)
        : asOf - rngCustomers.int(DEMO_MONTHS * 31 + 10, 10 * 365);
      const baseEur =
        s.kind === 'enterprise'
          ? rngCustomers.logNormal(12000, 0.6)
          : rngCustomers.logNormal(s.kind === 'smb' ? 900 : 600, 0.65);
      const mood =
        s.climate +
        rngCustomers.normal(0, 0.8) +
        (accountManager ? accountManager.skill * 0.5 : -0.2);
      customers.push({
        externalId: '',
        name,
        segment: s,
        currency: CURRENCY[s.country],
        accountManager,
        acquiredOn,
        churnedOn: null,
        mood,
        baseEur,
        growth: rngCustomers.normal(0.04, 0.08),
        serialComplainer: false,
        costly: false,
      });
    }
  }
  // Numbered in order of acquisition, as a CRM would have numbered them.
  customers.sort((a, b) => a.acquiredOn - b.acquiredOn || cmp(a.name, b.name));
  customers.forEach((c, i) => {
    c.externalId = `C${String(i + 1).padStart(4, '0')}`;
  });
  // Long-standing, small customers picked for the let-go list.
  const longStanding = customers.filter(
    (c) => c.segment.kind !== 'enterprise' && c.acquiredOn < firstDay,
  );
  const picks = rngCustomers.shuffle(longStanding).slice(0, 4);
  for (const c of picks.slice(0, 3)) {
    c.serialComplainer = true;
    c.mood = Math.min(c.mood, -0.6);
  }
  const costly = picks[3]!;
  costly.costly = true;
  costly.baseEur = 140;

  // ---- Complaints (then churn, which depends on how complaints went)
  const complaints: Complaint[] = [];
  const actions: RecoveryAction[] = [];
  const rng = rngEvents;

  const activeAgent = (s: Segment, day: number, prefer: Employee | null, preferP: number) =>
    pickAgent(rng, s, day, prefer, preferP);
  const workHourInstant = (day: number) => day * DAY_MS + rng.int(6 * 3600, 17 * 3600 - 1) * 1000; // 08:00–19:00 local, give or take

  const makeComplaint = (c: Customer, day: number, forced?: Partial<Complaint>): Complaint => {
    const severity: Severity =
      forced?.severity ??
      rng.weighted(
        c.segment.kind === 'enterprise'
          ? { low: 0.35, medium: 0.4, high: 0.25 }
          : { low: 0.5, medium: 0.37, high: 0.13 },
      );
    let handler = activeAgent(c.segment, day, c.accountManager, 0.7);
    if (severity === 'high' && rng.chance(0.25)) handler = c.segment.manager;
    const openedAt = workHourInstant(day);
    const sevFactor = { low: 0.6, medium: 1, high: 2.2 }[severity];
    const firstH =
      rng.logNormal(2.5 * Math.exp(-0.6 * handler.skill), 0.7) * (severity === 'high' ? 0.5 : 1);
    let firstResponseAt: number | null = openedAt + Math.max(0.1, firstH) * HOUR_MS;
    const resolveH = rng.logNormal(30 * sevFactor * Math.exp(-0.4 * handler.skill), 0.8);
    let resolvedAt: number | null = firstResponseAt + Math.max(0.25, resolveH) * HOUR_MS;
    const recent = asOf - day < 21;
    let validity: Validity =
      forced?.validity ??
      (recent && rng.chance(0.6)
        ? 'pending'
        : rng.weighted({ valid: 0.8, unfounded: 0.15, pending: 0.05 }));
    // Missing timestamps: never recorded (rare), or simply not there yet.
    if (!forced && rng.chance(0.03)) firstResponseAt = null;
    if (firstResponseAt === null || firstResponseAt >= asOf * DAY_MS) {
      firstResponseAt = null;
      resolvedAt = null;
    }
    if (resolvedAt !== null && (resolvedAt >= asOf * DAY_MS || validity === 'pending')) {
      resolvedAt = null;
    }
    if (resolvedAt === null && validity === 'unfounded' && !forced) validity = 'pending';
    let followUpAt: number | null = null;
    if (resolvedAt !== null && validity !== 'pending') {
      const p = clamp(0.6 + 0.25 * handler.skill, 0.2, 0.95) * (validity === 'valid' ? 1 : 0.4);
      if (rng.chance(p)) {
        const late = rng.chance(0.15);
        const h = late ? rng.real(180, 480) : rng.real(4, 160);
        const at = resolvedAt + h * HOUR_MS;
        if (at < asOf * DAY_MS) followUpAt = at;
      }
    }
    return {
      externalId: '',
      customer: c,
      handler,
      openedAt,
      firstResponseAt,
      resolvedAt,
      validity,
      severity,
      followUpAt,
    };
  };

  const complaintsOf = new Map<Customer, Complaint[]>();
  for (const c of customers) {
    const list: Complaint[] = [];
    const start = Math.max(c.acquiredOn, firstDay);
    const monthlyRate =
      (0.13 / 12) * Math.exp(-0.6 * c.mood) * (c.segment.kind === 'enterprise' ? 1.6 : 1);
    for (let m = monthOfDay(start); m <= asOfMonth; m++) {
      const from = Math.max(monthStartDay(m), start);
      const to = Math.min(monthStartDay(m + 1), asOf);
      if (to <= from) continue;
      const n = rng.poisson((monthlyRate * (to - from)) / 30.4);
      for (let i = 0; i < n; i++) list.push(makeComplaint(c, rng.int(from, to - 1)));
    }
    if (c.serialComplainer) {
      // three inside the last 2 to 8 months (so both the current and the last full quarter
      // see them in their 12-month window), sometimes a fourth lately
      const days = [rng.int(60, 240), rng.int(60, 240), rng.int(60, 240)];
      if (rng.chance(0.5)) days.push(rng.int(20, 59));
      for (const ago of days) {
        list.push(makeComplaint(c, asOf - ago, { validity: 'unfounded', severity: 'low' }));
      }
    }
    if (c.costly) {
      list.push(makeComplaint(c, asOf - rng.int(60, 150), { validity: 'valid', severity: 'high' }));
    }
    list.sort((a, b) => a.openedAt - b.openedAt);
    complaintsOf.set(c, list);
  }

  // ---- Churn: unhappy customers leave more; a badly handled complaint often tips them over.
  for (const c of customers) {
    if (c.serialComplainer || c.costly) continue;
    const list = complaintsOf.get(c)!;
    let churn: number | null = null;
    for (const k of list) {
      if (k.validity !== 'valid' || k.resolvedAt === null) continue;
      const resolvedDay = Math.floor(k.resolvedAt / DAY_MS);
      const handledBadly = k.followUpAt === null || k.resolvedAt - k.openedAt > 5 * 24 * HOUR_MS;
      if (handledBadly && rng.chance(0.3)) churn = resolvedDay + rng.int(15, 85);
      else if (!handledBadly && rng.chance(0.04)) churn = resolvedDay + rng.int(100, 200);
      if (churn !== null) break;
    }
    if (churn === null) {
      const from = Math.max(c.acquiredOn + 90, firstDay);
      const years = (asOf - from) / 365;
      const annual = clamp(0.05 - 0.08 * c.mood, 0.01, 0.3);
      if (years > 0 && rng.chance(1 - (1 - annual) ** years)) churn = rng.int(from, lastDay);
    }
    if (churn !== null && churn <= lastDay) {
      const gone = churn;
      c.churnedOn = gone;
      complaintsOf.set(
        c,
        list.filter((k) => k.openedAt < gone * DAY_MS),
      );
    }
  }
  for (const list of complaintsOf.values()) complaints.push(...list);
  // ---- Planted signals for review (DESIGN.md, Fair numbers): one case of each, in the
  // 30 days before the as-of date, each by another agent, from their own random stream
  // so that the rest of the demo stays as it was.
  const rngSignals = ctx.rng.signals;
  const plantFrom = asOf - 30;
  const planters = segments
    .map((s) => s.agents.filter((a) => worksOn(a, plantFrom) && worksOn(a, lastDay)))
    .filter((list) => list.length > 0)
    .map((list) => list[0]!);
  const [topBoxAgent, repeatAgent, burstAgent, unfoundedAgent] = planters;
  const customersOfSegment = (seg: string) =>
    customers.filter(
      (c) => c.segment.id === seg && c.acquiredOn < plantFrom && c.churnedOn === null,
    );
  const planted: SurveyResponse[] = [];
  const plantDay = () => rngSignals.int(plantFrom, lastDay - 1);
  const at = (day: number) => day * DAY_MS + rngSignals.int(7 * 3600, 18 * 3600) * 1000;
  if (topBoxAgent) {
    // top_box_anomaly: 30 promoters in a month, spread over the segment's customers
    const pool = customersOfSegment(topBoxAgent.segment!);
    for (let i = 0; i < 30 && pool.length > 0; i++) {
      const c = pool[i % pool.length]!;
      planted.push({
        customer: c,
        employee: topBoxAgent,
        kind: 'nps',
        score: 10,
        respondedAt: at(plantDay()),
        comment: null,
      });
    }
  }
  if (repeatAgent) {
    // repeat_customer: one customer answers 15 times
    const c = customersOfSegment(repeatAgent.segment!)[0];
    for (let i = 0; c && i < 15; i++) {
      planted.push({
        customer: c,
        employee: repeatAgent,
        kind: 'nps',
        score: 8,
        respondedAt: at(plantFrom + 2 * i),
        comment: null,
      });
    }
  }
  if (burstAgent) {
    // burst: 6 CSAT answers within 8 minutes
    const pool = customersOfSegment(burstAgent.segment!);
    const start = at(plantDay());
    for (let i = 0; i < 6 && pool.length > 0; i++) {
      planted.push({
        customer: pool[i % pool.length]!,
        employee: burstAgent,
        kind: 'csat',
        score: 5,
        respondedAt: start + i * 90_000,
        comment: null,
      });
    }
  }
  const plantedComplaints: Complaint[] = [];
  /** a complaint resolved within a day or so; `validity` decides the rest */
  const plantComplaint = (
    customer: Customer,
    handler: Employee,
    day: number,
    validity: 'valid' | 'unfounded',
  ) => {
    const openedAt = at(day);
    plantedComplaints.push({
      externalId: '',
      customer,
      handler,
      openedAt,
      firstResponseAt: openedAt + 2 * HOUR_MS,
      resolvedAt: openedAt + 26 * HOUR_MS,
      validity,
      severity: validity === 'valid' ? 'medium' : 'low',
      followUpAt: validity === 'valid' ? openedAt + 40 * HOUR_MS : null,
    });
  };
  if (unfoundedAgent) {
    // unfounded_share: 3 complaints handled, all judged unfounded, against the segment's
    // ordinary founded complaints of the month, handled by its manager (the demo has few
    // complaints a month, so eight are added for the three to stand out)
    const pool = customersOfSegment(unfoundedAgent.segment!);
    const manager = segments.find((x) => x.id === unfoundedAgent.segment)!.manager;
    for (let i = 0; i < 3 && pool.length > 0; i++) {
      plantComplaint(pool[(i * 7) % pool.length]!, unfoundedAgent, plantFrom + 3 * i, 'unfounded');
    }
    for (let i = 0; i < 8 && pool.length > 0; i++) {
      plantComplaint(pool[(i * 5 + 1) % pool.length]!, manager, plantFrom + 1 + 3 * i, 'valid');
    }
  }
  complaints.push(...plantedComplaints);
  complaints.sort(
    (a, b) => a.openedAt - b.openedAt || cmp(a.customer.externalId, b.customer.externalId),
  );
  complaints.forEach((k, i) => {
    k.externalId = `K${String(i + 1).padStart(5, '0')}`;
  });

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
