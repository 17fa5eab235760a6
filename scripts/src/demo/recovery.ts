/**
 * Recovery actions, costed in EUR and billed in the customer's currency: what the handler
 * (or the segment manager signing) did about each complaint, by validity and severity.
 */
import type { DemoContext } from './context';
import { DAY_MS, HOUR_MS, monthOfDay } from './dates';
import type { FxRates } from './fx';
import { type Complaint, type Customer, cmp, type Employee, type RecoveryKind } from './model';

type AddAction = (
  k: Complaint,
  kind: RecoveryKind,
  at: number,
  employee: Employee,
  eur?: number,
) => void;

/** Appends to ctx.actions; actions on or after the as-of day are not there yet. */
function actionAdder(ctx: DemoContext, fx: FxRates): AddAction {
  const rng = ctx.rng.events;
  const costEur: Record<RecoveryKind, (c: Customer) => number> = {
    apology_email: () => 1.5,
    apology_call: () => 4,
    handwritten_letter: () => rng.real(10, 15),
    meeting: () => rng.real(60, 140),
    gift: () => rng.real(25, 90),
    free_service: () => rng.real(180, 900),
    discount: (c) => c.baseEur * rng.real(0.05, 0.15),
    refund: (c) => c.baseEur * rng.real(0.2, 0.6),
  };
  return (k, kind, at, employee, eur) => {
    if (at >= ctx.cal.asOf * DAY_MS) return;
    const currency = k.customer.currency;
    const local =
      (eur ?? costEur[kind](k.customer)) / fx.rateOf(currency, monthOfDay(Math.floor(at / DAY_MS)));
    // Hryvnia costs are booked in whole units, the others to the cent.
    const costCents = currency === 'UAH' ? Math.round(local) * 100 : Math.round(local * 100);
    ctx.actions.push({ complaint: k, kind, costCents, currency, performedAt: at, employee });
  };
}

function recover(ctx: DemoContext, add: AddAction, k: Complaint): void {
  const rng = ctx.rng.events;
  const c = k.customer;
  const early = (k.firstResponseAt ?? k.openedAt) + rng.real(0, 3) * HOUR_MS;
  const after = k.resolvedAt === null ? null : k.resolvedAt + rng.real(2, 96) * HOUR_MS;
  const signer = rng.chance(0.5) ? c.segment.manager : k.handler;
  if (k.validity === 'unfounded') {
    if (rng.chance(0.3)) add(k, 'apology_email', early, k.handler); // goodwill
    return;
  }
  if (k.validity === 'pending') {
    if (rng.chance(0.5)) add(k, 'apology_call', early, k.handler);
    return;
  }
  if (c.costly && k.severity === 'high') {
    add(k, 'apology_call', early, k.handler);
    if (after !== null) add(k, 'free_service', after, k.handler, rng.real(700, 950));
    return;
  }
  if (k.severity === 'low') {
    add(k, rng.chance(0.7) ? 'apology_email' : 'apology_call', early, k.handler);
    if (after !== null && rng.chance(0.1)) add(k, 'discount', after, k.handler);
  } else if (k.severity === 'medium') {
    add(k, 'apology_call', early, k.handler);
    if (after !== null) {
      const kind = rng.weighted({ handwritten_letter: 0.4, gift: 0.3, discount: 0.2, none: 0.1 });
      if (kind !== 'none') add(k, kind, after, kind === 'handwritten_letter' ? signer : k.handler);
    }
  } else {
    add(k, 'apology_call', early, k.handler);
    if (rng.chance(0.6)) add(k, 'meeting', early + rng.real(20, 72) * HOUR_MS, signer);
    if (after !== null) {
      const kind = rng.weighted({ free_service: 0.5, refund: 0.3, gift: 0.2 });
      add(k, kind, after, k.handler);
      if (rng.chance(0.4)) add(k, 'handwritten_letter', after + 24 * HOUR_MS, signer);
    }
  }
}

/** Fills ctx.actions, in time order; needs ctx.complaints numbered. */
export function generateRecovery(
  ctx: DemoContext,
  fx: FxRates,
  planted: ReadonlySet<Complaint>,
): void {
  const add = actionAdder(ctx, fx);
  for (const k of ctx.complaints) {
    // planted signal cases take no recovery action: the other streams stay as they were
    if (!planted.has(k)) recover(ctx, add, k);
  }
  ctx.actions.sort(
    (a, b) => a.performedAt - b.performedAt || cmp(a.complaint.externalId, b.complaint.externalId),
  );
}
