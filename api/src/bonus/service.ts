import { type Executor, type PeriodStatus, ROLES, type Role } from '@delight/db';
import { lastDayOf } from '../assumptions/store';
import { kpiBasis, kpisFromCounts } from '../kpis/math';
import type { KpiCountsRow } from '../kpis/queries';
import { kpiCountsMany } from '../kpis/service';
import type { KpiKey } from '../kpis/types';
import { Dec, roundMoney } from '../lib/decimal';
import { exactText, q, ratio } from '../lib/exact';
import { type Period, periodLabel, periodPhase, todayUtc } from '../lib/period';
import { planVersionFor, type StoredPlanVersion } from '../plans/store';
import { type RunSignOff, signOffOf } from './approval-sign-off';
import { type Adjustment, withAdjustments } from './disputes-rows';
import {
  type BonusLine,
  bonusAmount,
  evaluateLines,
  type LineInputs,
  type Measured,
  payoutFactor,
  prorationDays,
  shrinkPrior,
} from './math';
import {
  type EmployeeRow,
  employeesPage,
  type PeriodRow,
  periodRow,
  segmentNames,
  snapshotPage,
  type Viewer,
} from './queries';
import { fallbackText } from './texts';

/** One employee's bonus for a period: the golden shape of expected.json, plus extras. */
export interface BonusRow {
  employee: string;
  name: string;
  email: string;
  role: string;
  segment: string | null;
  currency: string;
  bonus_target: string;
  plan: string;
  plan_valid_from: string;
  proration: number;
  proration_days: number;
  period_days: number;
  total_achievement: number;
  bonus_amount: string;
  /**
   * total_achievement × proration: bonus_target × payout_factor, rounded half-even to
   * the minor unit, is bonus_amount (the HR CSV prints it so a row reconciles)
   */
  payout_factor: number;
  lines: BonusLine[];
  /**
   * round_half_even(bonus_target × payout_factor): what the plan pays; bonus_amount is
   * this plus the adjustments (docs/bonus.md, Disputes and adjustments)
   */
  computed_amount: string;
  /** manual adjustments of accepted disputes, each its own line of the statement */
  adjustments: Adjustment[];
  /** their sum in the currency's minor units ("0.00" without any) */
  adjustment_total: string;
  /** exact values as fraction text ("27/160"), printed by the HR CSV, kept in snapshots */
  exact: { proration: string; total_achievement: string; payout_factor: string };
}

export interface CurrencyTotal {
  currency: string;
  employees: number;
  bonus_target: string;
  bonus_amount: string;
}

/** Employees computed per round trip: memory stays flat however many there are. */
const PAGE = 200;

/** The plan version in force for each role that has one (period kind, latest valid_from ≤ start). */
export async function plansInForce(
  db: Executor,
  period: Period,
): Promise<Map<Role, StoredPlanVersion>> {
  const plans = new Map<Role, StoredPlanVersion>();
  for (const role of ROLES) {
    const plan = await planVersionFor(db, role, period.kind, period.start);
    if (plan) plans.set(role, plan);
  }
  return plans;
}

/** `{plan key: valid_from}` of the plans used, in plan file order. */
export function planVersionsUsed(plans: Map<Role, StoredPlanVersion>): Record<string, string> {
  const used = [...plans.values()].sort((a, b) => a.position - b.position);
  return Object.fromEntries(used.map((p) => [p.key, p.valid_from]));
}

/** HR CSV KPI columns: plans in file order, each plan's lines in order, first seen first. */
export function planKpis(plans: Map<Role, StoredPlanVersion>): KpiKey[] {
  const seen = new Set<KpiKey>();
  for (const plan of [...plans.values()].sort((a, b) => a.position - b.position)) {
    for (const line of plan.lines) seen.add(line.kpi);
  }
  return [...seen];
}

const EMPTY: Measured = { value: null, n: 0, moe: null };

/** A line's measurement from the counts of a scope: value and n, NPS margin, exact basis. */
function measured(counts: KpiCountsRow | undefined, kpi: KpiKey): Measured {
  if (!counts) return EMPTY;
  const k = kpisFromCounts(counts);
  const basis = kpiBasis(counts, kpi);
  return kpi === 'nps'
    ? { value: k.nps.value, n: k.nps.n, moe: k.nps.moe, basis }
    : { value: k[kpi].value, n: k[kpi].n, basis };
}

/** A segment manager is measured over the segments they manage; everyone else as an employee. */
const scopeKind = (role: string) => (role === 'segment_manager' ? 'manager' : 'employee');

/**
 * Rebuilds a row with its keys in the contract order. Stored snapshots come back from
 * jsonb with keys re-ordered; this makes a closed period print like an open one.
 */
/** A line as an older version stored it (snapshots): the newer fields may be missing. */
export type StoredLine = Omit<BonusLine, 'fallback_text' | 'shrink' | 'shrinkage' | 'exact'> &
  Partial<Pick<BonusLine, 'fallback_text' | 'shrink' | 'shrinkage' | 'exact'>>;
/** A row as an older version stored it. */
export type StoredRow = Omit<
  BonusRow,
  'payout_factor' | 'exact' | 'lines' | 'computed_amount' | 'adjustments' | 'adjustment_total'
> &
  Partial<
    Pick<
      BonusRow,
      'payout_factor' | 'exact' | 'computed_amount' | 'adjustments' | 'adjustment_total'
    >
  > & { lines: StoredLine[] };

export function shapeRow(r: StoredRow): BonusRow {
  return {
    employee: r.employee,
    name: r.name,
    email: r.email,
    role: r.role,
    segment: r.segment,
    currency: r.currency,
    bonus_target: r.bonus_target,
    plan: r.plan,
    plan_valid_from: r.plan_valid_from,
    proration: r.proration,
    proration_days: r.proration_days,
    period_days: r.period_days,
    total_achievement: r.total_achievement,
    bonus_amount: r.bonus_amount,
    payout_factor: r.payout_factor ?? r.total_achievement * r.proration,
    lines: r.lines.map((l) => ({
      kpi: l.kpi,
      own_value: l.own_value,
      own_n: l.own_n,
      source: l.source,
      value: l.value,
      n: l.n,
      weight: l.weight,
      min_sample: l.min_sample,
      fallback: l.fallback,
      fallback_text: l.fallback_text ?? (l.fallback === null ? null : fallbackText(l.fallback, l)),
      ...('moe' in l ? { moe: l.moe } : {}),
      ...('segment_n' in l ? { segment_n: l.segment_n } : {}),
      achievement: l.achievement,
      effective_weight: l.effective_weight,
      contribution: l.contribution,
      better: l.better,
      threshold: l.threshold,
      target: l.target,
      stretch: l.stretch,
      payout_at_threshold: l.payout_at_threshold,
      cap: l.cap,
      below_min: l.below_min,
      shrink: l.shrink ?? 0,
      shrinkage: l.shrinkage
        ? {
            k: l.shrinkage.k,
            raw: l.shrinkage.raw,
            prior: l.shrinkage.prior,
            prior_scope: l.shrinkage.prior_scope,
            prior_n: l.shrinkage.prior_n,
            shrunk: l.shrinkage.shrunk,
          }
        : null,
      // snapshots stored before exact values were kept: their doubles' decimals
      exact: l.exact
        ? {
            value: l.exact.value,
            achievement: l.exact.achievement,
            effective_weight: l.exact.effective_weight,
            contribution: l.exact.contribution,
          }
        : {
            value: l.value === null ? null : exactText(q(l.value)),
            achievement: l.achievement === null ? null : exactText(q(l.achievement)),
            effective_weight: exactText(q(l.effective_weight)),
            contribution: exactText(q(l.contribution)),
          },
    })),
    computed_amount: r.computed_amount ?? r.bonus_amount,
    adjustments: (r.adjustments ?? []).map((a) => ({
      id: a.id,
      amount: a.amount,
      reason: a.reason,
      dispute_id: a.dispute_id,
      created_by: a.created_by,
      created_at: a.created_at,
    })),
    adjustment_total: r.adjustment_total ?? roundMoney(0, r.currency),
    exact: r.exact
      ? {
          proration: r.exact.proration,
          total_achievement: r.exact.total_achievement,
          payout_factor: r.exact.payout_factor,
        }
      : {
          proration: exactText(ratio(r.proration_days, r.period_days)),
          total_achievement: exactText(q(r.total_achievement)),
          payout_factor: exactText(
            payoutFactor(q(r.total_achievement), r.proration_days, r.period_days),
          ),
        },
  };
}

/** Counts the run measures against: own scopes per page, segments and the company once. */
interface Priors {
  segments: Map<string, KpiCountsRow> | null;
  company: KpiCountsRow | null;
}

function rowFor(
  e: EmployeeRow,
  plan: StoredPlanVersion,
  period: Period,
  own: KpiCountsRow | undefined,
  priors: Priors,
): BonusRow {
  const ownScope = `${scopeKind(e.role)}:${e.external_id}`;
  const segmentScope = e.segment === null ? null : `segment:${e.segment}`;
  const segmentCounts = e.segment === null ? undefined : priors.segments?.get(e.segment);
  const inputs: LineInputs[] = plan.lines.map((line) => {
    const segment = measured(segmentCounts, line.kpi);
    const company = priors.company ? measured(priors.company, line.kpi) : null;
    const prior = shrinkPrior(line.shrink, segmentScope, segment, company);
    return {
      kpi: line.kpi,
      ownScope,
      own: measured(own, line.kpi),
      segmentScope,
      segment: line.below_min === 'segment' ? segment : null,
      prior,
    };
  });
  const { lines, total_achievement, exact_total } = evaluateLines(plan.lines, inputs);
  const { days, period_days } = prorationDays(period, e.hired_on, e.left_on);
  const factor = payoutFactor(exact_total, days, period_days);
  return shapeRow({
    employee: e.external_id,
    name: e.name,
    email: e.email,
    role: e.role,
    segment: e.segment,
    currency: e.currency,
    bonus_target: e.bonus_target,
    plan: plan.key,
    plan_valid_from: plan.valid_from,
    proration: days / period_days,
    proration_days: days,
    period_days,
    total_achievement,
    bonus_amount: bonusAmount(e.bonus_target, exact_total, days, period_days, e.currency),
    payout_factor: factor.valueOf(),
    lines,
    exact: {
      proration: exactText(ratio(days, period_days)),
      total_achievement: exactText(exact_total),
      payout_factor: exactText(factor),
    },
  });
}

/**
 * Computes the rows of an open period page by page: each page's KPIs come from one
 * round trip per scope kind (aggregated in SQL), segments once for the whole run.
 */
export async function* computeRows(
  db: Executor,
  period: Period,
  viewer: Viewer,
  plans?: Map<Role, StoredPlanVersion>,
): AsyncGenerator<BonusRow> {
  const inForce = plans ?? (await plansInForce(db, period));
  for await (const [row] of computeRowsUnder(db, period, viewer, [inForce])) {
    if (row) yield row;
  }
}

/**
 * The run under several sets of plans at once (the bonus preview: stored vs edited):
 * each employee's KPIs are measured once and evaluated under every set. Yields one
 * entry per set for each employee of a role planned in any set; null where that set
 * has no plan for the role or the employee's proration is 0.
 */
export async function* computeRowsUnder(
  db: Executor,
  period: Period,
  viewer: Viewer,
  planSets: Map<Role, StoredPlanVersion>[],
): AsyncGenerator<(BonusRow | null)[]> {
  const roles = [...new Set(planSets.flatMap((set) => [...set.keys()]))];
  if (roles.length === 0) return;
  const lines = planSets.flatMap((set) => [...set.values()].flatMap((p) => p.lines));
  const needsSegments = lines.some((l) => l.below_min === 'segment' || l.shrink > 0);
  const needsCompany = lines.some((l) => l.shrink > 0);
  const priors: Priors = { segments: null, company: null };
  let loaded = false;
  let after = '';
  for (;;) {
    const page = await employeesPage(db, period, roles, viewer, after, PAGE);
    if (page.length === 0) return;
    after = page.at(-1)!.external_id;
    if (!loaded) {
      loaded = true;
      if (needsSegments) priors.segments = await kpiCountsMany(db, period, 'segment');
      if (needsCompany) {
        priors.company = (await kpiCountsMany(db, period, 'company')).get('company') ?? null;
      }
    }
    const ids = (kind: 'manager' | 'employee') =>
      page.filter((e) => scopeKind(e.role) === kind).map((e) => e.id);
    const managerIds = ids('manager');
    const employeeIds = ids('employee');
    // one after the other: inside a transaction both would share one connection anyway
    const managers = managerIds.length
      ? await kpiCountsMany(db, period, 'manager', managerIds)
      : new Map<string, KpiCountsRow>();
    const staff = employeeIds.length
      ? await kpiCountsMany(db, period, 'employee', employeeIds)
      : new Map<string, KpiCountsRow>();
    for (const e of page) {
      const own = (scopeKind(e.role) === 'manager' ? managers : staff).get(e.external_id);
      yield planSets.map((set) => {
        const plan = set.get(e.role as Role);
        if (!plan) return null;
        const row = rowFor(e, plan, period, own, priors);
        return row.proration_days > 0 ? row : null;
      });
    }
  }
}

const parseJson = <T>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T;

/** A closed period's stored rows, page by page, exactly as stored at close. */
export async function* snapshotRows(
  db: Executor,
  periodId: number,
  viewer: Viewer,
): AsyncGenerator<BonusRow> {
  let after = -1;
  for (;;) {
    const page = await snapshotPage(db, periodId, viewer, after, PAGE);
    if (page.length === 0) return;
    after = page.at(-1)!.position;
    for (const p of page) yield shapeRow(parseJson<StoredRow>(p.row));
  }
}

export interface PeriodState {
  period: string;
  /** the run's sign-off state (docs/bonus.md, Approval); figures are frozen once closed */
  status: PeriodStatus;
  closed_at: string | null;
  /** `{plan key: valid_from}` the snapshot was computed with (closed periods) */
  plan_versions: Record<string, string> | null;
  assumption_version_id: number | null;
  submitted_at: string | null;
  submitted_by: string | null;
  approved_at: string | null;
  approved_by: string | null;
  /** why the run was last sent back to open (a change to its figures, or a person) */
  reopen_reason: string | null;
  reopened_at: string | null;
  /** bonus_periods.id when the period has a row */
  id: number | null;
  /** sha-256 of the run as submitted (internal: not served) */
  fingerprint: string | null;
}

/** Whether the figures still move (`open`, also while submitted or approved) or are frozen. */
export const figuresStatus = (s: Pick<PeriodState, 'status'>): 'open' | 'closed' =>
  s.status === 'closed' ? 'closed' : 'open';

export function periodState(key: string, row: PeriodRow | null): PeriodState {
  return {
    period: key,
    status: row?.status ?? 'open',
    closed_at: row?.closed_at ?? null,
    plan_versions: row?.plan_versions ? parseJson(row.plan_versions) : null,
    assumption_version_id: row?.assumption_version_id ?? null,
    submitted_at: row?.submitted_at ?? null,
    submitted_by: row?.submitted_by ?? null,
    approved_at: row?.approved_at ?? null,
    approved_by: row?.approved_by ?? null,
    reopen_reason: row?.reopen_reason ?? null,
    reopened_at: row?.reopened_at ?? null,
    id: row?.id ?? null,
    fingerprint: row?.fingerprint ?? null,
  };
}

export async function loadPeriodState(db: Executor, period: Period): Promise<PeriodState> {
  return periodState(period.key, await periodRow(db, period.key));
}

/** Rows of a period for a viewer: the snapshot once closed, else computed now. */
export async function bonusRows(
  db: Executor,
  period: Period,
  viewer: Viewer,
): Promise<{ state: PeriodState; rows: AsyncGenerator<BonusRow> }> {
  const state = await loadPeriodState(db, period);
  const rows =
    state.status === 'closed' && state.id !== null
      ? snapshotRows(db, state.id, viewer)
      : withAdjustments(db, period, computeRows(db, period, viewer));
  return { state, rows };
}

/** Sum of bonus targets and (rounded) amounts per currency: currencies never mix. */
export function totalsByCurrency(rows: Iterable<BonusRow>): CurrencyTotal[] {
  const acc = new Map<string, { employees: number; target: Dec; amount: Dec }>();
  for (const r of rows) {
    const t = acc.get(r.currency) ?? { employees: 0, target: new Dec(0), amount: new Dec(0) };
    t.employees += 1;
    t.target = t.target.plus(r.bonus_target);
    t.amount = t.amount.plus(r.bonus_amount);
    acc.set(r.currency, t);
  }
  return [...acc.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, t]) => ({
      currency,
      employees: t.employees,
      bonus_target: roundMoney(t.target, currency),
      bonus_amount: roundMoney(t.amount, currency),
    }));
}

/**
 * A running period's figures rest on the data so far: a projection, labelled as one.
 * `ended` periods are final figures (open until HR closes them).
 */
export interface Projection {
  phase: 'running' | 'ended';
  projection: boolean;
  /** for people, null when the period has ended */
  projection_text: string | null;
}

export function projectionOf(period: Period, today: string): Projection {
  const running = periodPhase(period, today) === 'running';
  return {
    phase: running ? 'running' : 'ended',
    projection: running,
    projection_text: running
      ? `${periodLabel(period.key)} is still running (it ends on ${lastDayOf(period)}): these are projections on the data so far, not final figures.`
      : null,
  };
}

export interface BonusRun extends Projection {
  period: string;
  status: 'open' | 'closed';
  closed_at: string | null;
  /** the run's sign-off: its state, who submitted and approved it, why it was re-opened */
  sign_off: RunSignOff;
  /** `{plan key: valid_from}` used */
  plans: Record<string, string>;
  /** `rows` (everything the caller may see) or `totals` (executive: totals only) */
  visibility: 'rows' | 'totals';
  rows: BonusRow[];
  /** the name of each segment code in `rows` (`{S04: 'Kyiv SMB'}`), for people to read */
  segment_names: Record<string, string>;
  totals: CurrencyTotal[];
}

/** `GET /api/bonus`. Executives get the totals and no row (no individual pay). */
export async function bonusRun(
  db: Executor,
  period: Period,
  viewer: Viewer,
  totalsOnly = false,
  today: string = todayUtc(),
): Promise<BonusRun> {
  const { state, rows } = await bonusRows(db, period, viewer);
  const all: BonusRow[] = [];
  for await (const row of rows) all.push(row);
  const plans =
    state.status === 'closed'
      ? (state.plan_versions ?? {})
      : planVersionsUsed(await plansInForce(db, period));
  return {
    period: period.key,
    status: figuresStatus(state),
    closed_at: state.closed_at,
    sign_off: signOffOf(state),
    ...projectionOf(period, today),
    plans,
    visibility: totalsOnly ? 'totals' : 'rows',
    rows: totalsOnly ? [] : all,
    segment_names: totalsOnly
      ? {}
      : await segmentNames(db, [...new Set(all.flatMap((r) => (r.segment ? [r.segment] : [])))]),
    totals: totalsByCurrency(all),
  };
}

/**
 * The run's totals per currency for a period as computed now from the stored plans
 * (an import's dry run compares them before → after), or the closed snapshot's.
 */
export async function runTotals(db: Executor, period: Period): Promise<CurrencyTotal[]> {
  const { rows } = await bonusRows(db, period, { kind: 'all' });
  const all: BonusRow[] = [];
  for await (const row of rows) all.push({ ...row, lines: [] });
  return totalsByCurrency(all);
}
