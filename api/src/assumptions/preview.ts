import type { AssumptionValues, Executor } from '@delight/db';
import { Dec, roundMoney } from '../lib/decimal';
import {
  type Period,
  type PeriodKind,
  parsePeriod,
  periodLabel,
  periodOf,
  periodPhase,
  shiftPeriod,
} from '../lib/period';
import { computeFigures, formatFigures, MONEY_FIGURES } from '../money/math';
import { moneyInputs } from '../money/queries';
import { EARLIEST_VALID_FROM } from './schema';
import {
  assumptionsAsOf,
  canonicalValues,
  closedPeriodKeys,
  firstDataDay,
  lastDayOf,
} from './store';

/** The rule, in the words the editor shows (docs/money.md says the same). */
export const ASSUMPTIONS_RULE =
  'An open period is valued with the assumptions in force on its last day; a closed period keeps the version it was closed with. So a version valid from a date changes every open period that ends on or after that date, until a later version takes over.';

/** Figures an assumption moves (ttm revenue, revenue at risk and recovery cost do not). */
const MOVED = MONEY_FIGURES.filter(
  (f) => !['revenue_at_risk', 'recovery_cost', 'ttm_revenue'].includes(f),
);

export interface FigureChange {
  figure: string;
  /** amounts as decimal strings; recovery_roi as a number (null when undefined) */
  now: string | number | null;
  after: string | number | null;
  /** after − now (amounts only; null for the ratio or when one side is null) */
  difference: string | null;
}

export interface PeriodChange {
  period: string;
  label: string;
  kind: PeriodKind;
  status: 'open' | 'closed';
  phase: 'running' | 'ended';
  /** the version the period uses now: null id = the DESIGN.md defaults; null date = all history */
  in_force: { id: number | null; valid_from: string | null };
  /**
   * `changes`: the save changes its figures; `same_values`: the version would apply but
   * has the values it uses already; `later_version`: a later version applies to it;
   * `closed`: its figures are frozen.
   */
  effect: 'changes' | 'same_values' | 'later_version' | 'closed';
  /** company-wide figures now and after the save (only for `changes`, newest periods first) */
  figures: FigureChange[] | null;
}

export interface AssumptionsPreview {
  valid_from: string | null;
  /** reporting currency of the figures */
  currency: string;
  rule: string;
  summary: string;
  periods: PeriodChange[];
  /** periods that change but whose figures were not computed (beyond the detail limit) */
  more_changed: number;
}

/** Periods whose figures the preview computes (two years of months, quarters and years); older changed ones are only counted. */
const DETAIL_LIMIT = 40;

/** Every period of every kind that has started by `today` and ends on or after `from`. */
function periodsFrom(from: string, today: string): Period[] {
  const out: Period[] = [];
  for (const kind of ['month', 'quarter', 'year'] as const) {
    const last = periodOf(kind, today);
    for (let key = periodOf(kind, from); ; key = shiftPeriod(key, 1)) {
      out.push(parsePeriod(key));
      if (key === last) break;
    }
  }
  // the running periods first (those end "today"), then older ones; a month before
  // the quarter and the year it ends with
  const order = { month: 0, quarter: 1, year: 2 } as const;
  const upTo = (p: Period) => (p.end > today ? today : lastDayOf(p));
  return out.sort((a, b) => {
    if (upTo(a) !== upTo(b)) return upTo(a) < upTo(b) ? 1 : -1;
    if (a.kind !== b.kind) return order[a.kind] - order[b.kind];
    return a.start < b.start ? 1 : -1;
  });
}

const sentinel = (d: string | null) => (d === EARLIEST_VALID_FROM ? null : d);

function figureChanges(
  before: ReturnType<typeof formatFigures>,
  after: ReturnType<typeof formatFigures>,
  currency: string,
): FigureChange[] {
  return MOVED.map((figure) => {
    const now = before[figure as keyof typeof before] ?? null;
    const next = after[figure as keyof typeof after] ?? null;
    const difference =
      typeof now === 'string' && typeof next === 'string'
        ? roundMoney(new Dec(next).minus(now), currency)
        : null;
    return { figure, now, after: next, difference };
  });
}

/**
 * What saving `values` valid from `validFrom` (default today, as the save does) would
 * change, before anything is saved: each period of each kind that has started and ends
 * on or after that date, whether the save changes it and, for the newest ones, every
 * company-wide money figure now and after. Nothing is written.
 */
export async function previewAssumptionsSave(
  db: Executor,
  values: AssumptionValues,
  validFrom: string | undefined,
  today: string,
  currency: string,
): Promise<AssumptionsPreview> {
  const from = validFrom ?? today;
  const firstData = await firstDataDay(db);
  const startDay = firstData !== null && firstData > from ? firstData : from;
  const closed = await closedPeriodKeys(db);
  const periods = startDay > today ? [] : periodsFrom(startDay, today);
  const out: PeriodChange[] = [];
  let detailed = 0;
  let moreChanged = 0;
  for (const p of periods) {
    const phase = periodPhase(p, today) === 'running' ? 'running' : 'ended';
    const base = { period: p.key, label: periodLabel(p.key), kind: p.kind, phase } as const;
    const current = await assumptionsAsOf(db, lastDayOf(p));
    const inForce = { id: current.id, valid_from: sentinel(current.validFrom) };
    if (closed.has(p.key)) {
      out.push({ ...base, status: 'closed', in_force: inForce, effect: 'closed', figures: null });
      continue;
    }
    // the new version wins on the period's last day unless a later-dated one exists
    const applies = current.validFrom === null || current.validFrom <= from;
    const same = canonicalValues(current.values) === canonicalValues(values);
    const effect = !applies ? 'later_version' : same ? 'same_values' : 'changes';
    let figures: FigureChange[] | null = null;
    if (effect === 'changes') {
      if (detailed < DETAIL_LIMIT) {
        detailed++;
        const inputs = await moneyInputs(db, { kind: 'company', dbId: null }, p, currency);
        figures = figureChanges(
          formatFigures(computeFigures(inputs, current.values), currency),
          formatFigures(computeFigures(inputs, values), currency),
          currency,
        );
      } else moreChanged++;
    }
    out.push({ ...base, status: 'open', in_force: inForce, effect, figures });
  }
  const changed = out.filter((p) => p.effect === 'changes');
  const frozen = out.filter((p) => p.effect === 'closed').length;
  const names = changed.slice(0, 6).map((p) => p.label);
  const summary =
    changed.length === 0
      ? 'Saving changes no figure: no open period would use different values.'
      : `Saving changes ${changed.length} open ${changed.length === 1 ? 'period' : 'periods'} (${names.join(', ')}${changed.length > names.length ? ', …' : ''})${
          frozen > 0
            ? `; ${frozen} closed ${frozen === 1 ? 'period keeps its' : 'periods keep their'} frozen figures`
            : ''
        }.`;
  return {
    valid_from: sentinel(from),
    currency,
    rule: ASSUMPTIONS_RULE,
    summary,
    periods: out,
    more_changed: moreChanged,
  };
}
