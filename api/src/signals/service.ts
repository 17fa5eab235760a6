import type { Executor } from '@delight/db';
import { type SQL, sql } from 'drizzle-orm';
import { canSeeScope, managedSegments, requireRole } from '../auth/access';
import type { Principal } from '../auth/principal';
import { forbidden, isDomainError } from '../lib/errors';
import type { Period } from '../lib/period';
import { formatScope, parseScope, type ResolvedScope, resolveScope } from '../lib/scope';
import {
  BURST_MIN,
  BURST_WINDOW_MINUTES,
  burst,
  REPEAT_MIN_N,
  repeatCustomer,
  TOP_BOX_MIN_N,
  TOP_BOX_P,
  topBoxAnomaly,
  UNFOUNDED_MIN,
  unfoundedShare,
} from './math';
import { busiestWindows, complaintCounts, npsCounts, topCustomers, windowAnswers } from './queries';

export type SignalKind = 'top_box_anomaly' | 'repeat_customer' | 'burst' | 'unfounded_share';

export interface Signal {
  kind: SignalKind;
  employee: string;
  name: string;
  segment: string | null;
  /** for people: what was seen and why it is worth a look */
  text: string;
  /** the counts (and probability, timestamps) the signal rests on */
  evidence: Record<string, unknown>;
}

export interface SignalsAnswer {
  period: string;
  scope: string;
  /** employees whose numbers were checked */
  checked: number;
  signals: Signal[];
  rules: Record<SignalKind, string>;
  note: string;
}

export const SIGNAL_RULES: Record<SignalKind, string> = {
  top_box_anomaly: `At least ${TOP_BOX_MIN_N} NPS answers, and that many promoters would happen by chance less than ${TOP_BOX_P * 1000} time in 1,000 at the segment's promoter share (without the employee's own answers).`,
  repeat_customer: `At least ${REPEAT_MIN_N} NPS answers, and one customer gave more than 30 % of them.`,
  burst: `${BURST_MIN} or more answers within ${BURST_WINDOW_MINUTES} minutes.`,
  unfounded_share: `At least ${UNFOUNDED_MIN} complaints handled, and more than twice the segment's share of them judged unfounded.`,
};

const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)} %`;

/**
 * Whose signals a caller may see: hr and admin any scope (company by default); a
 * segment manager their segments, their own manager scope (the default) and their
 * team; no one else. Returns the scope and the employees it covers, as a condition on e.
 */
async function signalScope(
  db: Executor,
  principal: Principal,
  text: string | undefined,
): Promise<{ scope: ResolvedScope; employees: SQL }> {
  requireRole(principal, 'admin', 'hr', 'segment_manager');
  const manager = principal.role === 'segment_manager';
  if (manager && principal.employeeId === null) {
    throw forbidden('This login is not linked to an employee');
  }
  const asked =
    text === undefined || text === ''
      ? manager
        ? ({ kind: 'manager', id: principal.employeeExternalId! } as const)
        : ({ kind: 'company' } as const)
      : parseScope(text);
  let scope: ResolvedScope;
  try {
    scope = await resolveScope(db, asked);
  } catch (err) {
    // a manager asking for an unknown id gets the 403 of a foreign one (no id probing)
    if (manager && isDomainError(err, 'not_found')) {
      throw forbidden('A segment manager sees the signals of their own team only');
    }
    throw err;
  }
  if (manager && !(await canSeeScope(db, principal, scope, 'kpis'))) {
    throw forbidden('A segment manager sees the signals of their own team only');
  }
  const employees =
    scope.kind === 'company'
      ? sql`true`
      : scope.kind === 'segment'
        ? sql`e.segment_id = ${scope.dbId}`
        : scope.kind === 'manager'
          ? sql`e.segment_id in ${managedSegments(scope.dbId)}`
          : sql`e.id = ${scope.dbId}`;
  return { scope, employees };
}

/**
 * `GET /api/signals`: per employee of the scope, the four signals of DESIGN.md with
 * their evidence. For review only: nothing here feeds the bonus run.
 */
export async function signalsFor(
  db: Executor,
  principal: Principal,
  period: Period,
  scopeText: string | undefined,
): Promise<SignalsAnswer> {
  const { scope, employees } = await signalScope(db, principal, scopeText);
  const nps = await npsCounts(db, period, employees);
  const top = new Map((await topCustomers(db, period, employees)).map((r) => [r.employee_id, r]));
  const windows = new Map(
    (await busiestWindows(db, period, employees)).map((r) => [r.employee_id, r]),
  );
  const complaints = new Map((await complaintCounts(db, period, employees)).map((r) => [r.id, r]));
  const signals: Signal[] = [];
  for (const e of nps) {
    const who = { employee: e.external_id, name: e.name, segment: e.segment };
    const tb = topBoxAnomaly(e.n, e.promoters, e.segment_n, e.segment_promoters);
    if (tb.flagged) {
      signals.push({
        ...who,
        kind: 'top_box_anomaly',
        text: `${e.promoters} promoters in ${e.n} NPS answers (${pct(e.promoters / e.n)}), where the segment's others have ${pct(tb.segment_share!)}: by chance, at least that many would happen with probability ${tb.probability!.toPrecision(2)}.`,
        evidence: {
          n: e.n,
          promoters: e.promoters,
          segment_n: e.segment_n,
          segment_promoters: e.segment_promoters,
          segment_share: tb.segment_share,
          probability: tb.probability,
        },
      });
    }
    const t = top.get(e.id);
    if (t && repeatCustomer(e.n, t.answers)) {
      signals.push({
        ...who,
        kind: 'repeat_customer',
        text: `${t.answers} of ${e.n} NPS answers (${pct(t.answers / e.n)}) came from one customer, ${t.customer_name}.`,
        evidence: {
          n: e.n,
          customer: t.customer,
          customer_name: t.customer_name,
          answers: t.answers,
          share: t.answers / e.n,
        },
      });
    }
    const w = windows.get(e.id);
    if (w && burst(w.answers)) {
      const answers = await windowAnswers(db, e.id, w.window_start);
      signals.push({
        ...who,
        kind: 'burst',
        text: `${w.answers} answers within ${BURST_WINDOW_MINUTES} minutes, from ${answers[0]?.at ?? w.window_start} to ${answers.at(-1)?.at ?? w.window_start}.`,
        evidence: {
          answers: w.answers,
          from: answers[0]?.at ?? w.window_start,
          to: answers.at(-1)?.at ?? w.window_start,
          timestamps: answers.map((a) => a.at),
          responses: answers,
        },
      });
    }
    const c = complaints.get(e.id);
    if (c && unfoundedShare(c.handled, c.unfounded, c.segment_handled, c.segment_unfounded)) {
      const share = c.unfounded / c.handled;
      const segShare = c.segment_unfounded / c.segment_handled;
      signals.push({
        ...who,
        kind: 'unfounded_share',
        text: `${c.unfounded} of ${c.handled} complaints handled (${pct(share)}) were judged unfounded, more than twice the segment's ${pct(segShare)}.`,
        evidence: {
          handled: c.handled,
          unfounded: c.unfounded,
          share,
          segment_handled: c.segment_handled,
          segment_unfounded: c.segment_unfounded,
          segment_share: segShare,
        },
      });
    }
  }
  return {
    period: period.key,
    scope: formatScope(scope),
    checked: nps.length,
    signals,
    rules: SIGNAL_RULES,
    note: 'Signals are for review: each may have an innocent reason, and none of them changes pay.',
  };
}
