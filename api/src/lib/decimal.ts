import Decimal from 'decimal.js';

/** Exact decimal arithmetic for money: 40 significant digits, half-even when asked to round. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
export type Dec = Decimal;

/** Minor units of a currency (cents for EUR, UAH, BGN); from Intl so JPY etc. are right too. */
export function minorUnits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** Rounds half-even to the currency's minor unit and prints a plain decimal string. */
export function roundMoney(value: Decimal.Value, currency = 'EUR'): string {
  return new Dec(value)
    .toDecimalPlaces(minorUnits(currency), Decimal.ROUND_HALF_EVEN)
    .toFixed(minorUnits(currency));
}

/** Half-even rounding of a number to `places` decimals, printed (HR CSV: 4 places). */
export function roundFixed(value: number | string, places: number): string {
  return new Dec(value).toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN).toFixed(places);
}
