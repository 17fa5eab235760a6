import type { Executor } from '@delight/db';
import { Dec } from '../lib/decimal';
import { notFound } from '../lib/errors';
import { fixedHalfEven, parseQ } from '../lib/exact';
import { type Period, todayUtc } from '../lib/period';
import { type RunSignOff, signOffOf } from './approval-sign-off';
import { type PublicDispute, publicDispute } from './disputes';
import { disputesOf } from './disputes-queries';
import type { BonusLine } from './math';
import { type BonusRow, bonusRows, figuresStatus, type Projection, projectionOf } from './service';

export interface Statement extends Projection {
  period: string;
  status: 'open' | 'closed';
  /** the run's sign-off: its state, who submitted and approved it */
  sign_off: RunSignOff;
  /** the bonus row, as in `GET /api/bonus` */
  row: BonusRow;
  /** the math, step by step, in words an employee reads */
  steps: string[];
  /** the employee's disputes of this statement's lines, with HR's answers */
  disputes: PublicDispute[];
  /** whether a line can still be disputed (not once the run is closed) */
  can_dispute: boolean;
}

const f = (x: number | null, places = 4) =>
  x === null ? 'no data' : new Dec(x).toDecimalPlaces(places).toString();
/** An exact value (fraction text) rounded half-even for reading, trailing zeros dropped. */
const fx = (exact: string | null, places = 4) =>
  exact === null ? 'no data' : new Dec(fixedHalfEven(parseQ(exact), places)).toString();
const pct = (x: number) => `${new Dec(x).times(100).toDecimalPlaces(2).toString()} %`;

function valueStep(l: BonusLine): string {
  const own = `${l.kpi}: ${f(l.own_value)} on n = ${l.own_n}${
    l.kpi === 'nps' && l.fallback !== 'segment' && l.moe != null ? ` (± ${f(l.moe, 2)})` : ''
  }, minimum sample ${l.min_sample}`;
  switch (l.fallback) {
    case null:
      return `${own}: your own value counts.`;
    case 'neutral':
      return `${own}: below the minimum, so the line pays 100 % (neutral).`;
    case 'exclude':
      return `${own}: below the minimum, so the line is dropped and the other weights are scaled up.`;
    case 'segment':
      return `${own}: below the minimum, so the value of ${l.source} is used: ${f(l.value)} on n = ${l.n}${
        l.kpi === 'nps' && l.moe != null ? ` (± ${f(l.moe, 2)})` : ''
      }.`;
    case 'segment_below_min':
      return `${own}: below the minimum; the segment has n = ${l.segment_n ?? 0}, below the minimum too, so the line pays 100 %.`;
  }
}

/** Shrinkage (DESIGN.md): raw, prior, k and the shrunk value the achievement uses. */
function shrinkStep(l: BonusLine): string | null {
  const s = l.shrinkage;
  if (!s) return null;
  return `${l.kpi}: shrinkage k = ${s.k} pulls your ${f(s.raw)} (n = ${l.own_n}) toward ${s.prior_scope}'s ${f(s.prior)} (n = ${s.prior_n}): (${l.own_n} × ${f(s.raw)} + ${s.k} × ${f(s.prior)}) / (${l.own_n} + ${s.k}) = ${fx(l.exact.value)}, the value used.`;
}

function achievementStep(l: BonusLine): string | null {
  if (l.fallback !== null && l.fallback !== 'segment') return null;
  const v = l.value!;
  const shown = fx(l.exact.value);
  const better = l.better === 'higher' ? 'higher is better' : 'lower is better';
  const ahead = (ref: number) => (l.better === 'higher' ? v - ref : ref - v);
  const head = `${l.kpi} (${better}; threshold ${l.threshold} pays ${pct(l.payout_at_threshold)}, target ${l.target} pays 100 %, stretch ${l.stretch} pays ${pct(l.cap)})`;
  if (ahead(l.threshold) < 0) return `${head}: ${shown} misses the threshold → achievement 0.`;
  if (ahead(l.stretch) >= 0)
    return `${head}: ${shown} reaches the stretch → achievement ${f(l.cap)} (the cap).`;
  if (ahead(l.target) < 0) {
    return `${head}: ${l.payout_at_threshold} + (1 − ${l.payout_at_threshold}) × (${shown} − ${l.threshold}) / (${l.target} − ${l.threshold}) = ${fx(l.exact.achievement)}.`;
  }
  return `${head}: 1 + (${l.cap} − 1) × (${shown} − ${l.target}) / (${l.stretch} − ${l.target}) = ${fx(l.exact.achievement)}.`;
}

/** "+50.00", "−12.50": an adjustment with its sign. */
const signed = (amount: string) => (amount.startsWith('-') ? `−${amount.slice(1)}` : `+${amount}`);

/** The step-by-step explanation of one bonus row (DESIGN.md: every figure explained). */
export function explain(row: BonusRow): string[] {
  const steps: string[] = [];
  steps.push(
    `Plan ${row.plan} (version from ${row.plan_valid_from}), bonus target ${row.bonus_target} ${row.currency}.`,
  );
  for (const l of row.lines) {
    steps.push(valueStep(l));
    const shrunk = shrinkStep(l);
    if (shrunk) steps.push(shrunk);
    const a = achievementStep(l);
    if (a) steps.push(a);
  }
  const kept = row.lines.filter((l) => l.achievement !== null);
  const reweighted = kept.length < row.lines.length;
  for (const l of kept) {
    steps.push(
      `${l.kpi}: weight ${l.weight}${reweighted ? ` → ${fx(l.exact.effective_weight)} after re-weighting` : ''} × achievement ${fx(l.exact.achievement)} = contribution ${fx(l.exact.contribution)}.`,
    );
  }
  steps.push(
    kept.length === 0
      ? 'Every line is excluded, so the total achievement is 100 %.'
      : `Total achievement = ${kept.map((l) => fx(l.exact.contribution)).join(' + ')} = ${fx(row.exact.total_achievement)}.`,
  );
  steps.push(
    `Proration: ${row.proration_days} of ${row.period_days} days worked = ${fx(row.exact.proration)}.`,
  );
  steps.push(
    `Bonus = ${row.bonus_target} × ${fx(row.exact.total_achievement)} × ${row.proration_days}/${row.period_days} = ${row.computed_amount} ${row.currency} (exact, rounded half-even to the minor unit only at the end).`,
  );
  for (const a of row.adjustments) {
    steps.push(`Adjustment ${signed(a.amount)} ${row.currency}: ${a.reason}`);
  }
  if (row.adjustments.length > 0) {
    steps.push(
      `Bonus after adjustments = ${row.computed_amount} ${row.adjustments.map((a) => `${a.amount.startsWith('-') ? '−' : '+'} ${a.amount.replace(/^-/, '')}`).join(' ')} = ${row.bonus_amount} ${row.currency}.`,
    );
  }
  return steps;
}

/** One employee's row with its explanation; 404 when the employee has no bonus row. */
export async function statementFor(
  db: Executor,
  period: Period,
  employee: { dbId: number; externalId: string },
  today: string = todayUtc(),
): Promise<Statement> {
  const { state, rows } = await bonusRows(db, period, { kind: 'self', employeeId: employee.dbId });
  let row: BonusRow | null = null;
  for await (const r of rows) row = r;
  if (!row) {
    throw notFound(
      `${employee.externalId} has no bonus row for ${period.key} (no plan for the role and period kind, or no day worked)`,
    );
  }
  return {
    period: period.key,
    status: figuresStatus(state),
    sign_off: signOffOf(state),
    ...projectionOf(period, today),
    row,
    steps: explain(row),
    disputes: (await disputesOf(db, period.key, { employee: employee.externalId })).map(
      publicDispute,
    ),
    // a closed run never changes, so nothing can be disputed any more
    can_dispute: state.status !== 'closed',
  };
}
