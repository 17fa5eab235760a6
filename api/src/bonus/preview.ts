import type { Executor, PeriodKind, Role } from '@delight/db';
import { Dec, roundMoney } from '../lib/decimal';
import { unprocessable } from '../lib/errors';
import { type Period, parsePeriod, periodKeyAt, startedPeriod } from '../lib/period';
import type { Plan } from '../plans/schema';
import type { StoredPlanVersion } from '../plans/store';
import { latestDataDate } from './queries';
import {
  type BonusRow,
  type CurrencyTotal,
  computeRowsUnder,
  figuresStatus,
  loadPeriodState,
  plansInForce,
  planVersionsUsed,
  totalsByCurrency,
} from './service';

/** A row under the edited plan, with the amount under the stored plans beside it. */
export interface PreviewRow extends BonusRow {
  /** amount under the plans stored now; null when the role had no plan for the period */
  current_amount: string | null;
  /** bonus_amount − current_amount (null when there is no current amount) */
  difference: string | null;
}

export interface BonusPreview {
  period: string;
  status: 'open' | 'closed';
  closed_at: string | null;
  role: Role;
  /** `{plan key: valid_from}` of the stored plan for the role, if any */
  current_plan: Record<string, string>;
  /** `{plan key: valid_from}` of the edited plan */
  plan: Record<string, string>;
  visibility: 'rows';
  rows: PreviewRow[];
  totals: CurrencyTotal[];
  current_totals: CurrencyTotal[];
  /** per currency: current → edited amount, for the editor's before → after footer */
  differences: {
    currency: string;
    current_amount: string;
    bonus_amount: string;
    difference: string;
  }[];
}

/** Per currency, the two totals side by side (a currency missing on one side counts 0). */
function differencesOf(
  after: CurrencyTotal[],
  before: CurrencyTotal[],
): BonusPreview['differences'] {
  const currencies = [...new Set([...after, ...before].map((t) => t.currency))].sort();
  return currencies.map((currency) => {
    const a = after.find((t) => t.currency === currency)?.bonus_amount ?? '0';
    const b = before.find((t) => t.currency === currency)?.bonus_amount ?? '0';
    return {
      currency,
      current_amount: roundMoney(b, currency),
      bonus_amount: roundMoney(a, currency),
      difference: roundMoney(new Dec(a).minus(b), currency),
    };
  });
}

/** Without a period: the one of the plan's kind holding the latest data, else today's. */
export async function previewPeriod(
  db: Executor,
  text: string | undefined,
  kind: PeriodKind,
  today: string,
): Promise<Period> {
  if (text) return startedPeriod(text, today);
  const latest = (await latestDataDate(db)) ?? today;
  // data dated in the future (a clock ahead, a bad import) never picks a future period
  return parsePeriod(periodKeyAt(kind, latest < today ? latest : today));
}

/**
 * `POST /api/bonus/preview`: the rows of the plan's role for a period as if `plan` were
 * the version in force for its role and kind (whatever its valid_from), beside the
 * amounts under the stored plans. Only that role's rows can change, so only they are
 * computed: each employee's KPIs are measured once and evaluated under both plans.
 * Nothing is written. A closed period is recomputed from today's data too (its paid
 * snapshot stays as it is); `status` tells the editor so.
 */
export async function bonusPreview(
  db: Executor,
  period: Period,
  plan: Plan,
): Promise<BonusPreview> {
  if (plan.period_kind !== period.kind) {
    throw unprocessable(
      `The plan is per ${plan.period_kind}; ${period.key} is a ${period.kind}. Pick a ${plan.period_kind}.`,
      [{ path: 'period', message: `must be a ${plan.period_kind}` }],
    );
  }
  const role = plan.role as Role;
  const stored = (await plansInForce(db, period)).get(role);
  const current = new Map<Role, StoredPlanVersion>(stored ? [[role, stored]] : []);
  const edited = new Map<Role, StoredPlanVersion>([
    [
      role,
      {
        ...plan,
        planId: stored?.planId ?? -1,
        versionId: -1,
        position: stored?.position ?? Number.MAX_SAFE_INTEGER,
      },
    ],
  ]);
  const rows: PreviewRow[] = [];
  const before: BonusRow[] = [];
  for await (const [now, after] of computeRowsUnder(db, period, { kind: 'all' }, [
    current,
    edited,
  ])) {
    if (now) before.push(now);
    if (!after) continue;
    rows.push({
      ...after,
      current_amount: now?.bonus_amount ?? null,
      difference: now
        ? roundMoney(new Dec(after.bonus_amount).minus(now.bonus_amount), after.currency)
        : null,
    });
  }
  const state = await loadPeriodState(db, period);
  const totals = totalsByCurrency(rows);
  const currentTotals = totalsByCurrency(before);
  return {
    period: period.key,
    status: figuresStatus(state),
    closed_at: state.closed_at,
    role,
    current_plan: planVersionsUsed(current),
    plan: { [plan.key]: plan.valid_from },
    visibility: 'rows',
    rows,
    totals,
    current_totals: currentTotals,
    differences: differencesOf(totals, currentTotals),
  };
}
