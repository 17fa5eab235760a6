/** Revenue: 24 full months before the as-of month, in the customer's currency. */
import type { DemoContext } from './context';
import { monthOfDay, monthStartDay } from './dates';
import type { FxRates } from './fx';
import type { Customer, SegmentKind } from './model';

const SEASON: Record<SegmentKind, number[]> = {
  smb: [0.9, 0.95, 1, 1, 1, 1, 0.9, 0.85, 1, 1.05, 1.05, 1.1],
  retail: [0.85, 0.85, 0.95, 1, 1, 0.95, 0.9, 0.9, 1, 1, 1.1, 1.35],
  enterprise: [1, 1, 1.15, 1, 1, 1.15, 1, 1, 1.15, 1, 1, 1.15],
};

function customerRevenue(ctx: DemoContext, fx: FxRates, c: Customer): void {
  const rng = ctx.rng.revenue;
  const { firstMonth, asOfMonth } = ctx.cal;
  for (let m = firstMonth; m < asOfMonth; m++) {
    const from = Math.max(monthStartDay(m), c.acquiredOn);
    const to = Math.min(monthStartDay(m + 1), c.churnedOn ?? Infinity);
    if (to <= from) continue;
    if (c.segment.kind === 'smb' && rng.chance(0.03)) continue; // a quiet month
    const days = monthStartDay(m + 1) - monthStartDay(m);
    let eur =
      c.baseEur *
      (SEASON[c.segment.kind][m % 12] ?? 1) *
      (1 + c.growth) ** ((m - firstMonth) / 12) *
      rng.logNormal(1, 0.08) *
      ((to - from) / days);
    // Business fades in the months before a customer leaves.
    if (c.churnedOn !== null) {
      const monthsLeft = monthOfDay(c.churnedOn) - m;
      if (monthsLeft <= 3) eur *= [0.5, 0.5, 0.7, 0.85][monthsLeft] ?? 1;
    }
    const local = eur / fx.rateOf(c.currency, m);
    ctx.revenue.push({
      customer: c,
      month: m,
      cents: Math.round(local * 100),
      currency: c.currency,
    });
  }
}

/** Fills ctx.revenue, customer by customer and month by month. */
export function generateRevenue(ctx: DemoContext, fx: FxRates): void {
  for (const c of ctx.customers) customerRevenue(ctx, fx, c);
}
