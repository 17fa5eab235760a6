// Period keys as the API reads them: month 2026-03, quarter 2026-Q1, year 2026.

export type PeriodKind = 'month' | 'quarter' | 'year';

export function periodKind(key: string): PeriodKind | null {
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(key)) return 'month';
  if (/^\d{4}-Q[1-4]$/.test(key)) return 'quarter';
  if (/^\d{4}$/.test(key)) return 'year';
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The period of this kind that contains the date (UTC). */
export function periodOf(kind: PeriodKind, date: Date): string {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  if (kind === 'year') return String(y);
  if (kind === 'quarter') return `${y}-Q${Math.floor(m / 3) + 1}`;
  return `${y}-${pad(m + 1)}`;
}

/** First month (0-based index since year 0) of a period, and its length in months. */
function span(key: string): { first: number; months: number; kind: PeriodKind } {
  const kind = periodKind(key);
  if (!kind) throw new Error(`Not a period: ${key}`);
  const y = Number(key.slice(0, 4));
  if (kind === 'year') return { first: y * 12, months: 12, kind };
  if (kind === 'quarter')
    return { first: y * 12 + (Number(key.slice(6)) - 1) * 3, months: 3, kind };
  return { first: y * 12 + Number(key.slice(5)) - 1, months: 1, kind };
}

function fromFirst(kind: PeriodKind, first: number): string {
  const y = Math.floor(first / 12);
  const m = first % 12;
  if (kind === 'year') return String(y);
  if (kind === 'quarter') return `${y}-Q${Math.floor(m / 3) + 1}`;
  return `${y}-${pad(m + 1)}`;
}

/** The period `steps` periods of the same kind later (negative: earlier). */
export function shiftPeriod(key: string, steps: number): string {
  const s = span(key);
  return fromFirst(s.kind, s.first + steps * s.months);
}

/** The same moment seen as another kind: 2026-Q2 as a month is 2026-06 (its last month). */
export function convertPeriod(key: string, kind: PeriodKind): string {
  const s = span(key);
  return fromFirst(kind, s.first + s.months - 1);
}

/** Last month of the period, e.g. for the end of a trend. */
export function lastMonth(key: string): string {
  return convertPeriod(key, 'month');
}

/** Months back from a month key (inclusive window of `count` months ending at `month`). */
export function monthsBack(month: string, count: number): string {
  return shiftPeriod(month, -(count - 1));
}

/** A readable label: "Q1 2026", "March 2026", "2026". */
export function periodLabel(key: string, locale?: string): string {
  const s = span(key);
  if (s.kind === 'year') return key;
  const y = Math.floor(s.first / 12);
  if (s.kind === 'quarter') return `Q${key.slice(6)} ${y}`;
  return new Intl.DateTimeFormat(locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, s.first % 12, 1)));
}

/** Choices for the picker: the periods of a kind around an anchor, newest first. */
export function periodChoices(kind: PeriodKind, anchor: string, before = 12, after = 4): string[] {
  const a = convertPeriod(anchor, kind);
  const out: string[] = [];
  for (let i = after; i >= -before; i--) out.push(shiftPeriod(a, i));
  return out;
}

export const defaultPeriod = (now = new Date()): string => periodOf('quarter', now);
