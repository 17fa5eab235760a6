// Every number the user reads goes through Intl in the browser's locale, so a Latvian
// reader sees "1 234,56 €" and an American "€1,234.56" from the same decimal string.

export const userLocale = (): string =>
  typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-US';

const cache = new Map<string, Intl.NumberFormat>();
function nf(options: Intl.NumberFormatOptions, locale = userLocale()): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

const DASH = '—';

export function formatNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return DASH;
  return nf({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export function formatInteger(value: number | null | undefined): string {
  if (value === null || value === undefined) return DASH;
  return nf({ maximumFractionDigits: 0 }).format(value);
}

/** A signed change, e.g. "+3.2" / "−1.0"; zero has no sign. */
export function formatChange(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return DASH;
  return nf({
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: 'exceptZero',
  }).format(value);
}

/** A value already in percent units (0–100), e.g. CSAT 50 → "50.0 %" in the locale's style. */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return DASH;
  return nf({
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value / 100);
}

/** A share 0–1 (achievement, proration, gross margin) as a percentage. */
export function formatShare(value: number | string | null | undefined, digits = 1): string {
  if (value === null || value === undefined || value === '') return DASH;
  return formatPercent(Number(value) * 100, digits);
}

/**
 * A money amount that travels as a decimal string. Intl formats the string itself
 * (no detour through a binary float), so "156446.20" stays exact.
 */
export function formatMoney(
  amount: string | null | undefined,
  currency: string,
  options: { compact?: boolean } = {},
): string {
  if (amount === null || amount === undefined || amount === '') return DASH;
  const f = nf(
    options.compact
      ? { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }
      : { style: 'currency', currency },
  );
  return f.format(amount as Intl.StringNumericLiteral);
}

/** A ratio such as ROI 14.54 → "1,453.7 %". */
export function formatRatio(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return DASH;
  return formatPercent(value * 100, digits);
}

export function formatHours(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return DASH;
  return nf({
    style: 'unit',
    unit: 'hour',
    unitDisplay: 'short',
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(value);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return DASH;
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return new Intl.DateTimeFormat(userLocale(), {
    dateStyle: 'medium',
    ...(iso.length === 10 ? { timeZone: 'UTC' } : {}),
  }).format(d);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return DASH;
  return new Intl.DateTimeFormat(userLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}
