/**
 * Survey responses: NPS, CSAT and CES at a segment's rates each month, scored from the
 * customer's mood, the employee's skill, recent complaints and a slow company-wide trend.
 */
import type { ComplaintsByCustomer } from './complaints';
import type { DemoContext } from './context';
import { DAY_MS, HOUR_MS, monthOfDay, monthStartDay } from './dates';
import {
  activeAgent,
  type Complaint,
  type Customer,
  clamp,
  cmp,
  type Employee,
  type SegmentKind,
  type SurveyKind,
  type SurveyResponse,
  worksOn,
} from './model';
import { type Sentiment, surveyComment } from './names';

const RATES: Record<SegmentKind, Record<SurveyKind, number>> = {
  smb: { nps: 0.22, csat: 0.4, ces: 0.25 },
  retail: { nps: 0.2, csat: 0.35, ces: 0.22 },
  enterprise: { nps: 0.45, csat: 0.75, ces: 0.5 },
};

const sentimentOf = (kind: SurveyKind, score: number): Sentiment => {
  const [bad, good] = ({ nps: [6, 9], csat: [2, 4], ces: [3, 6] } as const)[kind];
  return score <= bad ? 'negative' : score >= good ? 'positive' : 'neutral';
};

const scoreOf = (kind: SurveyKind, latent: number) =>
  kind === 'nps'
    ? clamp(Math.round(8.1 + 1.7 * latent), 0, 10)
    : kind === 'csat'
      ? clamp(Math.round(4.2 + 0.85 * latent), 1, 5)
      : clamp(Math.round(5.3 + 1.1 * latent), 1, 7);

/** Whom the answer is about: NPS is a relationship survey, CSAT and CES follow a contact. */
function surveyedEmployee(
  ctx: DemoContext,
  c: Customer,
  kind: SurveyKind,
  day: number,
): Employee | null {
  const rng = ctx.rng.events;
  if (kind === 'nps') {
    // relationship survey: about the account manager when there is one
    return c.accountManager && worksOn(c.accountManager, day) && rng.chance(0.8)
      ? c.accountManager
      : rng.chance(0.3)
        ? activeAgent(rng, c.segment, day, null, 0)
        : null;
  }
  return rng.chance(0.9) ? activeAgent(rng, c.segment, day, c.accountManager, 0.4) : null;
}

/** A fresh, still open complaint sours answers; a followed-up one sweetens them a bit. */
function complaintEffect(list: readonly Complaint[], at: number): number {
  let effect = 0;
  for (const k of list) {
    if (k.validity !== 'valid') continue;
    if (at >= k.openedAt && at < k.openedAt + 30 * 24 * HOUR_MS && (k.followUpAt ?? Infinity) > at)
      effect -= 0.7;
    else if (k.followUpAt !== null && at >= k.followUpAt && at < k.followUpAt + 120 * 24 * HOUR_MS)
      effect += 0.25;
  }
  return effect;
}

/** One answer on a day in [from, to). */
function respond(
  ctx: DemoContext,
  c: Customer,
  list: readonly Complaint[],
  kind: SurveyKind,
  from: number,
  to: number,
): SurveyResponse {
  const rng = ctx.rng.events;
  const day = rng.int(from, to - 1);
  const at = day * DAY_MS + rng.int(5 * 3600, 21 * 3600) * 1000;
  const employee = surveyedEmployee(ctx, c, kind, day);
  const effect = complaintEffect(list, at);
  const trend = (0.1 * (day - ctx.cal.firstDay)) / 365; // the company slowly gets better
  const latent = c.mood + (employee?.skill ?? 0) + effect + trend + rng.normal(0, 1);
  const score = scoreOf(kind, latent);
  const comment = rng.chance(kind === 'nps' ? 0.3 : 0.15)
    ? surveyComment(rng, c.segment.country, sentimentOf(kind, score))
    : null;
  return { customer: c, employee, kind, score, respondedAt: at, comment };
}

function customerResponses(ctx: DemoContext, c: Customer, list: readonly Complaint[]): void {
  const rng = ctx.rng.events;
  const { asOf, asOfMonth, firstDay } = ctx.cal;
  const start = Math.max(c.acquiredOn, firstDay);
  const end = c.churnedOn ?? asOf; // no answers from the day a customer is gone
  for (let m = monthOfDay(start); m <= asOfMonth; m++) {
    const from = Math.max(monthStartDay(m), start);
    const to = Math.min(monthStartDay(m + 1), end);
    if (to <= from) continue;
    const share = (to - from) / 30.4;
    for (const kind of ['nps', 'csat', 'ces'] as const) {
      const n = rng.poisson(RATES[c.segment.kind][kind] * share);
      for (let i = 0; i < n; i++) ctx.responses.push(respond(ctx, c, list, kind, from, to));
    }
  }
}

/**
 * Fills ctx.responses: every customer's answers (seeing only their own, unplanted
 * complaints), then the planted ones, all in time order.
 */
export function generateResponses(
  ctx: DemoContext,
  byCustomer: ComplaintsByCustomer,
  planted: readonly SurveyResponse[],
): void {
  for (const c of ctx.customers) customerResponses(ctx, c, byCustomer.get(c)!);
  ctx.responses.push(...planted);
  ctx.responses.sort(
    (a, b) => a.respondedAt - b.respondedAt || cmp(a.customer.externalId, b.customer.externalId),
  );
}
