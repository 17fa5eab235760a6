import { formatMoney } from './format';

// Amounts travel as decimal strings; these helpers keep them exact in the browser too.

/** Sign of an amount ("-12.30" → −1), without a float. */
export function signOf(amount: string | null | undefined): -1 | 0 | 1 {
  if (!amount) return 0;
  if (/^-?0*(\.0*)?$/.test(amount)) return 0;
  return amount.startsWith('-') ? -1 : 1;
}

/** after − before of two decimal strings, exact (scaled integers, no float on the way). */
export function minus(after: string, before: string): string {
  const places = Math.max(...[after, before].map((v) => (v.split('.')[1] ?? '').length));
  const scaled = (v: string) => {
    const [int = '0', frac = ''] = v.replace('-', '').split('.');
    const n = BigInt(int + frac.padEnd(places, '0'));
    return v.startsWith('-') ? -n : n;
  };
  const d = scaled(after) - scaled(before);
  const digits = (d < 0n ? -d : d).toString().padStart(places + 1, '0');
  const int = digits.slice(0, digits.length - places);
  const sign = d < 0n ? '-' : '';
  return places === 0 ? `${sign}${int}` : `${sign}${int}.${digits.slice(-places)}`;
}

/** "+€12.30" / "−€4.00" / "€0.00": a change shows its sign. */
export function signedMoney(amount: string, currency: string): string {
  const s = signOf(amount);
  const text = formatMoney(amount.replace(/^-/, ''), currency);
  return s > 0 ? `+${text}` : s < 0 ? `−${text}` : text;
}
