/**
 * Planted signals for review (DESIGN.md, Fair numbers): one case of each, in the 30 days
 * before the as-of date, each by another agent, from their own random stream so that the
 * rest of the demo stays as it was.
 */
import type { DemoContext } from './context';
import { DAY_MS, HOUR_MS } from './dates';
import {
  type Complaint,
  type Customer,
  type Employee,
  type SurveyResponse,
  segmentById,
  worksOn,
} from './model';

export interface PlantedSignals {
  /** appended to the ordinary responses before they are sorted */
  responses: SurveyResponse[];
  /** already in ctx.complaints; they take no recovery action */
  complaints: ReadonlySet<Complaint>;
}

/** The planting window and its draws, all from the signals stream. */
interface Plot {
  ctx: DemoContext;
  from: number;
  /** the segment's customers that are there all through the window */
  pool(segment: string | null): Customer[];
  day(): number;
  at(day: number): number;
}

function plot(ctx: DemoContext): Plot {
  const rng = ctx.rng.signals;
  const from = ctx.cal.asOf - 30;
  return {
    ctx,
    from,
    pool: (segment) =>
      ctx.customers.filter(
        (c) => c.segment.id === segment && c.acquiredOn < from && c.churnedOn === null,
      ),
    day: () => rng.int(from, ctx.cal.lastDay - 1),
    at: (day) => day * DAY_MS + rng.int(7 * 3600, 18 * 3600) * 1000,
  };
}

const answer = (
  customer: Customer,
  employee: Employee,
  kind: 'nps' | 'csat',
  score: number,
  respondedAt: number,
): SurveyResponse => ({ customer, employee, kind, score, respondedAt, comment: null });

/** top_box_anomaly: 30 promoters in a month, spread over the segment's customers */
function plantTopBox(p: Plot, agent: Employee, out: SurveyResponse[]): void {
  const pool = p.pool(agent.segment);
  for (let i = 0; i < 30 && pool.length > 0; i++) {
    const c = pool[i % pool.length]!;
    out.push(answer(c, agent, 'nps', 10, p.at(p.day())));
  }
}

/** repeat_customer: one customer answers 15 times */
function plantRepeat(p: Plot, agent: Employee, out: SurveyResponse[]): void {
  const c = p.pool(agent.segment)[0];
  for (let i = 0; c && i < 15; i++) out.push(answer(c, agent, 'nps', 8, p.at(p.from + 2 * i)));
}

/** burst: 6 CSAT answers within 8 minutes */
function plantBurst(p: Plot, agent: Employee, out: SurveyResponse[]): void {
  const pool = p.pool(agent.segment);
  const start = p.at(p.day());
  for (let i = 0; i < 6 && pool.length > 0; i++) {
    out.push(answer(pool[i % pool.length]!, agent, 'csat', 5, start + i * 90_000));
  }
}

/**
 * unfounded_share: 3 complaints handled, all judged unfounded, against the segment's
 * ordinary founded complaints of the month, handled by its manager (the demo has few
 * complaints a month, so eight are added for the three to stand out)
 */
function plantUnfounded(p: Plot, agent: Employee, out: Complaint[]): void {
  /** a complaint resolved within a day or so; `validity` decides the rest */
  const plant = (
    customer: Customer,
    handler: Employee,
    day: number,
    validity: 'valid' | 'unfounded',
  ) => {
    const openedAt = p.at(day);
    out.push({
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
  const pool = p.pool(agent.segment);
  const manager = segmentById(p.ctx.segments, agent.segment!).manager;
  for (let i = 0; i < 3 && pool.length > 0; i++) {
    plant(pool[(i * 7) % pool.length]!, agent, p.from + 3 * i, 'unfounded');
  }
  for (let i = 0; i < 8 && pool.length > 0; i++) {
    plant(pool[(i * 5 + 1) % pool.length]!, manager, p.from + 1 + 3 * i, 'valid');
  }
}

/** Adds the planted complaints to ctx.complaints; returns the planted responses. */
export function plantSignals(ctx: DemoContext): PlantedSignals {
  const p = plot(ctx);
  const planters = ctx.segments
    .map((s) => s.agents.filter((a) => worksOn(a, p.from) && worksOn(a, ctx.cal.lastDay)))
    .filter((list) => list.length > 0)
    .map((list) => list[0]!);
  const [topBoxAgent, repeatAgent, burstAgent, unfoundedAgent] = planters;
  const responses: SurveyResponse[] = [];
  const complaints: Complaint[] = [];
  if (topBoxAgent) plantTopBox(p, topBoxAgent, responses);
  if (repeatAgent) plantRepeat(p, repeatAgent, responses);
  if (burstAgent) plantBurst(p, burstAgent, responses);
  if (unfoundedAgent) plantUnfounded(p, unfoundedAgent, complaints);
  ctx.complaints.push(...complaints);
  return { responses, complaints: new Set(complaints) };
}
