/**
 * Churn: unhappy customers leave more; a badly handled complaint often tips them over.
 * A churned customer's later complaints are dropped, and what is left joins ctx.complaints.
 */
import type { ComplaintsByCustomer } from './complaints';
import type { DemoContext } from './context';
import { DAY_MS, HOUR_MS } from './dates';
import { type Complaint, type Customer, clamp } from './model';

/** The day the customer leaves (possibly after the demo ends), or null. */
function churnDay(ctx: DemoContext, c: Customer, list: readonly Complaint[]): number | null {
  const rng = ctx.rng.events;
  const { asOf, firstDay, lastDay } = ctx.cal;
  let churn: number | null = null;
  for (const k of list) {
    if (k.validity !== 'valid' || k.resolvedAt === null) continue;
    const resolvedDay = Math.floor(k.resolvedAt / DAY_MS);
    const handledBadly = k.followUpAt === null || k.resolvedAt - k.openedAt > 5 * 24 * HOUR_MS;
    if (handledBadly && rng.chance(0.3)) churn = resolvedDay + rng.int(15, 85);
    else if (!handledBadly && rng.chance(0.04)) churn = resolvedDay + rng.int(100, 200);
    if (churn !== null) break;
  }
  if (churn === null) {
    const from = Math.max(c.acquiredOn + 90, firstDay);
    const years = (asOf - from) / 365;
    const annual = clamp(0.05 - 0.08 * c.mood, 0.01, 0.3);
    if (years > 0 && rng.chance(1 - (1 - annual) ** years)) churn = rng.int(from, lastDay);
  }
  return churn;
}

/** Sets churnedOn, trims `byCustomer` to what came before, and fills ctx.complaints. */
export function applyChurn(ctx: DemoContext, byCustomer: ComplaintsByCustomer): void {
  for (const c of ctx.customers) {
    if (c.serialComplainer || c.costly) continue;
    const list = byCustomer.get(c)!;
    const churn = churnDay(ctx, c, list);
    if (churn !== null && churn <= ctx.cal.lastDay) {
      c.churnedOn = churn;
      byCustomer.set(
        c,
        list.filter((k) => k.openedAt < churn * DAY_MS),
      );
    }
  }
  for (const list of byCustomer.values()) ctx.complaints.push(...list);
}
