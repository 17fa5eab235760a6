// Every number, amount, date and period the user reads goes through Intl in the
// reader's locale (the dashboard's language, with the browser's region for it), so a
// Latvian reader sees "1 234,56 €" and an American "€1,234.56" from the same decimal
// string. The i18n provider (web/src/i18n) sets the locale before anything renders.
import { periodLabelIn } from '@delight/api/lib/period';

let formatLocale =
  typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-US';

/** The Intl locale of every formatter here (set by the i18n provider on a language change). */
export function setFormatLocale(locale: string): void {
  formatLocale = locale;
}

export const userLocale = (): string => formatLocale;

/**
 * A period as the reader says it: "Q1 2026" / "I кв. 2026 г." / "2026. g. 1. ceturksnis",
 * "березень 2026 р.". web/src/lib/period.ts exports it as `periodLabel`, so every page
 * that labels a period follows the language.
 */
export function periodLabel(key: string): string {
  return periodLabelIn(key, formatLocale);
}

/** A month key for a chart axis in the reader's locale: 2026-03 → "Mar 26" / "мар. 26 г.". */
export function formatMonthShort(key: string): string {
  return new Intl.DateTimeFormat(formatLocale, {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  }).format(new Date(`${key.slice(0, 7)}-01T00:00:00Z`));
}

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

/** A probability and the like, to `digits` significant digits: 0.031, 2.4E-17. */
export function formatSignificant(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return DASH;
  // a tiny probability reads 2.4E-17 rather than a row of zeros
  const notation = value !== 0 && Math.abs(value) < 0.001 ? 'scientific' : 'standard';
  return nf({ maximumSignificantDigits: digits, notation }).format(value);
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
