import { IntlMessageFormat } from 'intl-messageformat';
import { periodLabelIn } from '../lib/period';
import { type Catalog, catalogFor, type MessageKey } from './catalog';
import type { Locale } from './locales';

/** What stands in for a figure that has no value (n = 0, no cost, …). */
export const DASH = '—';

export type MessageValues = Record<string, string | number>;
type Amount = number | string;

/**
 * Messages and the locale's number, money, date and period formats, for one language.
 * Every rounding is half-even (the product's one rule). Decimal strings (money) are
 * handed to Intl as strings, so they are formatted exactly, never through a float.
 */
export interface Formatter {
  locale: Locale;
  /** The message of a key with its placeholders filled (ICU MessageFormat). */
  t(key: MessageKey, values?: MessageValues): string;
  /** Exactly `digits` decimals: 1,234.5 */
  number(value: Amount | null | undefined, digits: number): string;
  /** Up to `maxDigits` decimals, trailing zeros dropped: 0.6307, 1, 0.5 */
  decimal(value: Amount | null | undefined, maxDigits: number): string;
  integer(value: number | null | undefined): string;
  /** A signed change: +3.2, -1.0; a change that rounds to zero has no sign */
  change(value: number | null | undefined, digits: number): string;
  /** A value in percent units (0–100): 50 → 50.0% */
  percent(value: Amount | null | undefined, digits: number): string;
  /** A share (0–1): 0.25 → 25.0% */
  share(value: Amount | null | undefined, digits: number): string;
  /** A share with up to `maxDigits` decimals: 0.35 → 35%, 0.015 → 1.5% */
  shareUpTo(value: Amount | null | undefined, maxDigits: number): string;
  /** A money amount (a decimal string) in its currency: €1,234.56 */
  money(amount: string | null | undefined, currency: string): string;
  hours(value: number | null | undefined, digits: number): string;
  /** A calendar date `YYYY-MM-DD`: Mar 31, 2026 */
  date(isoDate: string | null | undefined): string;
  /** An instant, in UTC and saying so: Apr 2, 2026, 9:15 AM UTC */
  dateTime(iso: string | Date | null | undefined): string;
  /** A period key as people say it: Q1 2026, March 2026, 2026 (the period module's label) */
  period(key: string): string;
  /** A month key for a chart axis: 2026-03 → Mar 26 */
  monthShort(key: string): string;
  /** The days a period covers: Jan 1 – Mar 31, 2026 */
  dateRange(startIso: string, lastIso: string): string;
}

const missing = (v: unknown): v is null | undefined | '' =>
  v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));

/** A number or decimal string as Intl's exact decimal input, optionally scaled by 10^shift. */
const exact = (v: Amount, shift = 0): Intl.StringNumericLiteral =>
  `${typeof v === 'number' ? String(v) : v}${shift ? `E${shift}` : ''}` as Intl.StringNumericLiteral;

const dayOf = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);

function build(locale: Locale, catalog: Catalog): Formatter {
  const messages = new Map<MessageKey, IntlMessageFormat>();
  const numberFormats = new Map<string, Intl.NumberFormat>();
  const nf = (options: Intl.NumberFormatOptions) => {
    const key = JSON.stringify(options);
    let f = numberFormats.get(key);
    if (!f) {
      f = new Intl.NumberFormat(locale, { roundingMode: 'halfEven', ...options });
      numberFormats.set(key, f);
    }
    return f;
  };
  const fixed = (digits: number) => ({
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  const utcDate = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const utcDateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  const monthShort = new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  });

  const f: Formatter = {
    locale,
    t(key, values) {
      let m = messages.get(key);
      if (!m) {
        m = new IntlMessageFormat(catalog[key], locale);
        messages.set(key, m);
      }
      return String(m.format(values));
    },
    number: (v, digits) => (missing(v) ? DASH : nf(fixed(digits)).format(exact(v))),
    decimal: (v, maxDigits) =>
      missing(v) ? DASH : nf({ maximumFractionDigits: maxDigits }).format(exact(v)),
    integer: (v) => (missing(v) ? DASH : nf({ maximumFractionDigits: 0 }).format(v)),
    change: (v, digits) =>
      missing(v) ? DASH : nf({ ...fixed(digits), signDisplay: 'exceptZero' }).format(exact(v)),
    percent: (v, digits) =>
      missing(v) ? DASH : nf({ style: 'percent', ...fixed(digits) }).format(exact(v, -2)),
    share: (v, digits) =>
      missing(v) ? DASH : nf({ style: 'percent', ...fixed(digits) }).format(exact(v)),
    shareUpTo: (v, maxDigits) =>
      missing(v)
        ? DASH
        : nf({ style: 'percent', maximumFractionDigits: maxDigits }).format(exact(v)),
    money: (amount, currency) =>
      missing(amount) ? DASH : nf({ style: 'currency', currency }).format(exact(amount)),
    hours: (v, digits) =>
      missing(v)
        ? DASH
        : nf({ style: 'unit', unit: 'hour', unitDisplay: 'short', ...fixed(digits) }).format(
            exact(v),
          ),
    date: (iso) => (missing(iso) ? DASH : utcDate.format(dayOf(iso))),
    dateTime: (iso) =>
      missing(iso) ? DASH : `${utcDateTime.format(new Date(iso))} ${f.t('time.utc')}`,
    period: (key) => periodLabelIn(key, locale),
    monthShort: (key) => monthShort.format(dayOf(`${key.slice(0, 7)}-01`)),
    dateRange: (start, last) => utcDate.formatRange(dayOf(start), dayOf(last)),
  };
  return f;
}

const formatters = new Map<Locale, Formatter>();

/** The formatter of a supported language (built once, then shared). */
export function formatterFor(locale: Locale): Formatter {
  let f = formatters.get(locale);
  if (!f) {
    f = build(locale, catalogFor(locale));
    formatters.set(locale, f);
  }
  return f;
}
