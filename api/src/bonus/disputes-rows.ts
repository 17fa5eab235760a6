import type { Executor } from '@delight/db';
import { Dec, roundMoney } from '../lib/decimal';
import type { Period } from '../lib/period';
import { type AdjustmentRow, adjustmentsOf } from './disputes-queries';

/** A manual adjustment of a bonus row: a signed amount in the row's currency, with its reason. */
export interface Adjustment {
  id: number;
  /** signed, exact, in the currency's minor units: "50.00", "-12.50" */
  amount: string;
  reason: string;
  /** the accepted dispute it resolves */
  dispute_id: number | null;
  created_by: string;
  created_at: string;
}

/**
 * A row with its adjustments: `computed_amount` is what the plan pays (rounded once,
 * half-even), `bonus_amount` = computed_amount + the adjustments, exactly (they are in
 * minor units already, so no second rounding happens).
 */
/** What adjustRow reads and writes of a bonus row. */
export interface AdjustableRow {
  employee: string;
  currency: string;
  computed_amount: string;
  bonus_amount: string;
  adjustments: Adjustment[];
  adjustment_total: string;
}

export function adjustRow<T extends AdjustableRow>(
  row: T,
  adjustments: readonly AdjustmentRow[],
): T {
  if (adjustments.length === 0) return row;
  const total = adjustments.reduce((sum, a) => sum.plus(a.amount), new Dec(0));
  return {
    ...row,
    bonus_amount: roundMoney(new Dec(row.computed_amount).plus(total), row.currency),
    adjustments: adjustments.map((a) => ({
      id: a.id,
      amount: roundMoney(a.amount, row.currency),
      reason: a.reason,
      dispute_id: a.dispute_id,
      created_by: a.created_by,
      created_at: a.created_at,
    })),
    adjustment_total: roundMoney(total, row.currency),
  };
}

/** The computed rows of an open run with the period's adjustments applied (read once: few). */
export async function* withAdjustments<T extends AdjustableRow>(
  db: Executor,
  period: Period,
  rows: AsyncIterable<T>,
): AsyncGenerator<T> {
  const byEmployee = new Map<string, AdjustmentRow[]>();
  for (const a of await adjustmentsOf(db, period.key)) {
    const list = byEmployee.get(a.employee) ?? [];
    list.push(a);
    byEmployee.set(a.employee, list);
  }
  for await (const row of rows) yield adjustRow(row, byEmployee.get(row.employee) ?? []);
}
