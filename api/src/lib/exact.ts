import Decimal from 'decimal.js';
import Fraction from 'fraction.js';

/**
 * Exact rationals for everything that feeds pay (KPI values, achievements, weights,
 * contributions, proration, shrinkage): fraction.js keeps numerator and denominator
 * as BigInt, so 0.3 + 0.2 + 0.1 + 0.25 + 0.15 is exactly 1 and a contribution of
 * 27/160 prints 0.1688, not the 0.1687 a binary float rounds to. A value becomes a
 * number only to travel in JSON, and a printed decimal only through `fixedHalfEven`,
 * the one rounding at the end.
 */
export type Q = Fraction;

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A rational from an integer, a bigint or a plain decimal string ("0.35", "-7.5"). */
export function q(value: number | bigint | string): Q {
  if (typeof value === 'string') {
    const text = value.trim();
    if (!DECIMAL.test(text)) throw new Error(`not a plain decimal: ${value}`);
    return new Fraction(text);
  }
  if (typeof value === 'bigint') return new Fraction(value);
  if (Number.isInteger(value)) return new Fraction(BigInt(value));
  // a double the user typed (a plan line from JSON): its shortest decimal, which is
  // what was written (0.3, not 0.299999999999999988897769753748…)
  return q(decimalText(value));
}

/** The shortest decimal text of a finite double, never in exponent form (1e-7 → 0.0000001). */
export function decimalText(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  return new Decimal(x).toFixed();
}

/** a / b, exact; both integers (counts). */
export const ratio = (a: number | bigint, b: number | bigint): Q => q(a).div(q(b));

export const ZERO = q(0);
export const ONE = q(1);
export const HUNDRED = q(100);

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const Wide = Decimal.clone({ precision: 60 });

/** The nearest double (for JSON; never used for further pay arithmetic). */
export function toNumber(x: Q): number {
  // both exact as doubles: one IEEE division rounds correctly
  if (x.n <= SAFE && x.d <= SAFE) return Number(x.s * x.n) / Number(x.d);
  return new Wide((x.s * x.n).toString()).div(x.d.toString()).toNumber();
}

/** Numerator/denominator text, e.g. "27/160" or "-5" (stored in snapshots, read back by `parseQ`). */
export const exactText = (x: Q): string => x.toFraction();

/** Reads `exactText` back. */
export function parseQ(text: string): Q {
  if (!/^-?\d+(\/\d+)?$/.test(text)) throw new Error(`not an exact fraction: ${text}`);
  return new Fraction(text);
}

const abs = (x: bigint) => (x < 0n ? -x : x);

/**
 * The half-even rounding of x to `places` decimals, printed with exactly that many
 * (the HR CSV's 4-decimal cells): 0.16875 → 0.1688, 0.04375 → 0.0437, 0.00005 → 0.0000.
 */
export function fixedHalfEven(x: Q, places: number): string {
  const scale = 10n ** BigInt(places);
  // fraction.js keeps the sign in `s` (±1n) and n, d ≥ 0
  const num = x.s * x.n * scale;
  const den = x.d;
  let quotient = num / den; // truncates toward zero
  const rest = abs(num - quotient * den) * 2n;
  if (rest > den || (rest === den && abs(quotient) % 2n === 1n)) {
    quotient += num < 0n ? -1n : 1n;
  }
  const negative = quotient < 0n; // a value that rounds to 0 prints 0.0000, never -0.0000
  const digits = abs(quotient)
    .toString()
    .padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const frac = digits.slice(digits.length - places);
  return `${negative ? '-' : ''}${whole}${places > 0 ? `.${frac}` : ''}`;
}

/** Does x have a finite decimal expansion with at most `places` digits? */
export function fitsPlaces(x: Q, places: number): boolean {
  return (x.n * 10n ** BigInt(places)) % x.d === 0n;
}

/** x rounded half-even to `places`, as a rational (for printing at a chosen precision). */
export const roundedQ = (x: Q, places: number): Q => new Fraction(fixedHalfEven(x, places));

export const minQ = (a: Q, b: Q): Q => (a.compare(b) <= 0 ? a : b);
export const maxQ = (a: Q, b: Q): Q => (a.compare(b) >= 0 ? a : b);
export const sumQ = (xs: Iterable<Q>): Q => {
  let s = ZERO;
  for (const x of xs) s = s.add(x);
  return s;
};
