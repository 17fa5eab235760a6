/**
 * Complaints: a Poisson number a month per customer (more when unhappy, more in enterprise),
 * plus the serial complainers' unfounded ones and the costly customer's big one. How fast
 * and how well they are handled follows the handler's skill.
 */
import type { DemoContext } from './context';
import { DAY_MS, HOUR_MS, monthOfDay, monthStartDay } from './dates';
import {
  activeAgent,
  type Complaint,
  type Customer,
  clamp,
  cmp,
  type Severity,
  type Validity,
} from './model';

/** Each customer's complaints in time order; churn trims them, surveys read them. */
export type ComplaintsByCustomer = Map<Customer, Complaint[]>;

type Forced = Partial<Pick<Complaint, 'severity' | 'validity'>>;

/** 08:00–19:00 local, give or take */
const workHourInstant = (ctx: DemoContext, day: number) =>
  day * DAY_MS + ctx.rng.events.int(6 * 3600, 17 * 3600 - 1) * 1000;

/** Missing timestamps and the state as of the as-of day: what is not there yet is null. */
function asOfState(
  ctx: DemoContext,
  day: number,
  forced: Forced | undefined,
  times: { firstResponseAt: number | null; resolvedAt: number | null },
) {
  const rng = ctx.rng.events;
  const end = ctx.cal.asOf * DAY_MS;
  let { firstResponseAt, resolvedAt } = times;
  const recent = ctx.cal.asOf - day < 21;
  let validity: Validity =
    forced?.validity ??
    (recent && rng.chance(0.6)
      ? 'pending'
      : rng.weighted({ valid: 0.8, unfounded: 0.15, pending: 0.05 }));
  // Missing timestamps: never recorded (rare), or simply not there yet.
  if (!forced && rng.chance(0.03)) firstResponseAt = null;
  if (firstResponseAt === null || firstResponseAt >= end) {
    firstResponseAt = null;
    resolvedAt = null;
  }
  if (resolvedAt !== null && (resolvedAt >= end || validity === 'pending')) resolvedAt = null;
  if (resolvedAt === null && validity === 'unfounded' && !forced) validity = 'pending';
  return { firstResponseAt, resolvedAt, validity };
}

function makeComplaint(ctx: DemoContext, c: Customer, day: number, forced?: Forced): Complaint {
  const rng = ctx.rng.events;
  const severity: Severity =
    forced?.severity ??
    rng.weighted(
      c.segment.kind === 'enterprise'
        ? { low: 0.35, medium: 0.4, high: 0.25 }
        : { low: 0.5, medium: 0.37, high: 0.13 },
    );
  let handler = activeAgent(rng, c.segment, day, c.accountManager, 0.7);
  if (severity === 'high' && rng.chance(0.25)) handler = c.segment.manager;
  const openedAt = workHourInstant(ctx, day);
  const sevFactor = { low: 0.6, medium: 1, high: 2.2 }[severity];
  const firstH =
    rng.logNormal(2.5 * Math.exp(-0.6 * handler.skill), 0.7) * (severity === 'high' ? 0.5 : 1);
  const firstAt = openedAt + Math.max(0.1, firstH) * HOUR_MS;
  const resolveH = rng.logNormal(30 * sevFactor * Math.exp(-0.4 * handler.skill), 0.8);
  const { firstResponseAt, resolvedAt, validity } = asOfState(ctx, day, forced, {
    firstResponseAt: firstAt,
    resolvedAt: firstAt + Math.max(0.25, resolveH) * HOUR_MS,
  });
  let followUpAt: number | null = null;
  if (resolvedAt !== null && validity !== 'pending') {
    const p = clamp(0.6 + 0.25 * handler.skill, 0.2, 0.95) * (validity === 'valid' ? 1 : 0.4);
    if (rng.chance(p)) {
      const late = rng.chance(0.15);
      const h = late ? rng.real(180, 480) : rng.real(4, 160);
      const at = resolvedAt + h * HOUR_MS;
      if (at < ctx.cal.asOf * DAY_MS) followUpAt = at;
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
}

function customerComplaints(ctx: DemoContext, c: Customer): Complaint[] {
  const rng = ctx.rng.events;
  const { asOf, asOfMonth, firstDay } = ctx.cal;
  const list: Complaint[] = [];
  const start = Math.max(c.acquiredOn, firstDay);
  const monthlyRate =
    (0.13 / 12) * Math.exp(-0.6 * c.mood) * (c.segment.kind === 'enterprise' ? 1.6 : 1);
  for (let m = monthOfDay(start); m <= asOfMonth; m++) {
    const from = Math.max(monthStartDay(m), start);
    const to = Math.min(monthStartDay(m + 1), asOf);
    if (to <= from) continue;
    const n = rng.poisson((monthlyRate * (to - from)) / 30.4);
    for (let i = 0; i < n; i++) list.push(makeComplaint(ctx, c, rng.int(from, to - 1)));
  }
  if (c.serialComplainer) {
    // three inside the last 2 to 8 months (so both the current and the last full quarter
    // see them in their 12-month window), sometimes a fourth lately
    const days = [rng.int(60, 240), rng.int(60, 240), rng.int(60, 240)];
    if (rng.chance(0.5)) days.push(rng.int(20, 59));
    for (const ago of days) {
      list.push(makeComplaint(ctx, c, asOf - ago, { validity: 'unfounded', severity: 'low' }));
    }
  }
  if (c.costly) {
    const day = asOf - rng.int(60, 150);
    list.push(makeComplaint(ctx, c, day, { validity: 'valid', severity: 'high' }));
  }
  list.sort((a, b) => a.openedAt - b.openedAt);
  return list;
}

/** Every customer's complaints; they join ctx.complaints after churn has trimmed them. */
export function generateComplaints(ctx: DemoContext): ComplaintsByCustomer {
  const byCustomer: ComplaintsByCustomer = new Map();
  for (const c of ctx.customers) byCustomer.set(c, customerComplaints(ctx, c));
  return byCustomer;
}

/** Sorts ctx.complaints (ordinary and planted) by time and numbers them K00001… */
export function numberComplaints(ctx: DemoContext): void {
  ctx.complaints.sort(
    (a, b) => a.openedAt - b.openedAt || cmp(a.customer.externalId, b.customer.externalId),
  );
  ctx.complaints.forEach((k, i) => {
    k.externalId = `K${String(i + 1).padStart(5, '0')}`;
  });
}
