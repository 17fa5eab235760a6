/** FX: every month from the first demo month to the as-of month (costs happen in it too). */
import type { DemoContext } from './context';
import { formatMonth } from './dates';

/** The lev is pegged to the euro (1 EUR = 1.95583 BGN). */
const BGN_RATE = 0.511292;

export interface FxRates {
  /** the months with rates, in order */
  months: readonly number[];
  /** EUR per unit of `currency` in `month`; 1 for EUR */
  rateOf(currency: string, month: number): number;
}

export function generateFx(ctx: DemoContext): FxRates {
  const { firstMonth, asOfMonth } = ctx.cal;
  const uahByMonth = new Map<number, number>();
  const bgnByMonth = new Map<number, number>();
  const fx = new Map([
    ['UAH', uahByMonth],
    ['BGN', bgnByMonth],
  ]);
  let uah = 0.0228;
  for (let m = firstMonth; m <= asOfMonth; m++) {
    // The hryvnia drifts down slowly with some noise; rates are written with 6 decimals.
    uah *= Math.exp(ctx.rng.fx.normal(-0.003, 0.01));
    uahByMonth.set(m, Math.round(uah * 1e6) / 1e6);
    bgnByMonth.set(m, BGN_RATE);
  }
  return {
    months: [...uahByMonth.keys()],
    rateOf(currency, month) {
      if (currency === 'EUR') return 1;
      const r = fx.get(currency)?.get(month);
      if (r === undefined) throw new Error(`no demo FX rate for ${currency} ${formatMonth(month)}`);
      return r;
    },
  };
}
