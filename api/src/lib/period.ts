// The one period module of the API, the dashboard and the scripts. Pure: the dashboard
// bundles it too, so it must not import server code (no hono, no database).
import { DomainError } from './errors';

/** The kinds of period (DESIGN.md): a month `2026-03`, a quarter `2026-Q1`, a year `2026`. */
export type PeriodKind = 'month' | 'quarter' | 'year';
export const PERIOD_KIND_LIST: readonly PeriodKind[] = ['month', 'quarter', 'year'];

/** A bonus/reporting period `[start, end)`. Dates are UTC `YYYY-MM-DD`. */
export interface Period {
  key: string;
  kind: PeriodKind;
  /** first day of the period */
  start: string;
  /** first day after the period (T, "as of" for money) */
  end: string;
  /** number of days in the period */
  days: number;
}

/**
 * A period text that is not one, or a period that has not started. The API answers
 * it with this `code` (a 400); the dashboard shows the message.
 */
export class PeriodError extends DomainError {
  constructor(
    override readonly code: 'invalid_period' | 'period_not_started',
    message: string,
  ) {
    super(code, message);
    this.name = 'PeriodError';
  }
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;
const DAY_MS = 86_400_000;

export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Today's UTC date, `YYYY-MM-DD`. */
export const todayUtc = (now: Date = new Date()) => isoDate(now.getTime());
const utc = (y: number, m0: number) => Date.UTC(y, m0, 1);
const pad = (n: number) => String(n).padStart(2, '0');

function build(key: string, kind: PeriodKind, y: number, m0: number, months: number): Period {
  const start = utc(y, m0);
  const end = utc(y, m0 + months);
  return { key, kind, start: isoDate(start), end: isoDate(end), days: (end - start) / DAY_MS };
}

/** Parses a period string, or returns null when it is not one. */
export function tryParsePeriod(text: string): Period | null {
  let m = MONTH.exec(text);
  if (m) return build(text, 'month', Number(m[1]), Number(m[2]) - 1, 1);
  m = QUARTER.exec(text);
  if (m) return build(text, 'quarter', Number(m[1]), (Number(m[2]) - 1) * 3, 3);
  m = YEAR.exec(text);
  if (m) return build(text, 'year', Number(m[1]), 0, 12);
  return null;
}

/** The kind of a period key, null when it is not one. */
export const periodKind = (key: string): PeriodKind | null => tryParsePeriod(key)?.kind ?? null;

/** Parses a period string; a malformed one is a PeriodError (400) with an example of each form. */
export function parsePeriod(text: string | undefined): Period {
  const period = text === undefined ? null : tryParsePeriod(text);
  if (!period) {
    throw new PeriodError(
      'invalid_period',
      text === undefined || text === ''
        ? 'Choose a period: a month (2026-03), a quarter (2026-Q1) or a year (2026).'
        : `"${text}" is not a period. A period is a month (2026-03), a quarter (2026-Q1) or a year (2026).`,
    );
  }
  return period;
}

/** Where a period stands on a date: not started, running (today inside it) or ended. */
export type PeriodPhase = 'not_started' | 'running' | 'ended';
export function periodPhase(p: Period, today: string): PeriodPhase {
  if (today < p.start) return 'not_started';
  return today < p.end ? 'running' : 'ended';
}

/**
 * A period that has started by `today` (UTC date): the periods the product has figures
 * for. One that has not started is a PeriodError: there is nothing to measure yet.
 */
export function startedPeriod(text: string | undefined, today: string): Period {
  const p = parsePeriod(text);
  if (periodPhase(p, today) === 'not_started') {
    throw new PeriodError(
      'period_not_started',
      `${periodLabel(p.key)} has not started yet (it starts on ${p.start}); choose a period up to today.`,
    );
  }
  return p;
}

/** The period of the same kind just before this one. */
export function previousPeriod(p: Period): Period {
  return parsePeriod(shiftPeriod(p.key, -1));
}

/** Months `YYYY-MM-01` of the 12-month window ending with the period's last month (ttm). */
export function ttmWindow(p: Period): { from: string; to: string } {
  const [y, m] = p.end.split('-').map(Number) as [number, number];
  return { from: isoDate(utc(y, m - 1 - 12)), to: p.end };
}

/** Months of a trend between two months, inclusive, as period keys. */
export function monthsBetween(from: string, to: string): string[] {
  const a = parsePeriod(from);
  const b = parsePeriod(to);
  if (a.kind !== 'month' || b.kind !== 'month') {
    throw new PeriodError('invalid_period', 'from and to must be months, like 2026-03');
  }
  const out: string[] = [];
  for (let p = b; p.start >= a.start && out.length < 240; p = previousPeriod(p)) out.unshift(p.key);
  return out;
}

/** The period of this kind that contains a date (a `Date`, or `YYYY-MM-DD`), UTC. */
export function periodOf(kind: PeriodKind, date: Date | string): string {
  const d = typeof date === 'string' ? new Date(`${date}T00:00:00Z`) : date;
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (kind === 'year') return String(y);
  if (kind === 'quarter') return `${y}-Q${Math.floor(m / 3) + 1}`;
  return `${y}-${pad(m + 1)}`;
}

/** First month (0-based index since year 0) of a period, and its length in months. */
function span(key: string): { first: number; months: number; kind: PeriodKind } {
  const p = parsePeriod(key);
  const y = Number(key.slice(0, 4));
  const m0 = Number(p.start.slice(5, 7)) - 1;
  const months = p.kind === 'year' ? 12 : p.kind === 'quarter' ? 3 : 1;
  return { first: y * 12 + m0, months, kind: p.kind };
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

/** The earlier of two period keys. */
export const minPeriod = (a: string, b: string): string =>
  parsePeriod(a).start <= parsePeriod(b).start ? a : b;

/**
 * How a quarter is written in each language of the dashboard (Intl has month and year
 * names but no quarters): Russian and Bulgarian accounting write the Roman numeral,
 * Latvian the ordinal after the year, as its dates do. Other languages read "Q1 2026".
 */
const ROMAN = ['I', 'II', 'III', 'IV'] as const;
const QUARTER_LABELS: Record<string, (quarter: number, year: number) => string> = {
  en: (q, y) => `Q${q} ${y}`,
  ru: (q, y) => `${ROMAN[q - 1]} кв. ${y} г.`,
  uk: (q, y) => `${ROMAN[q - 1]} кв. ${y} р.`,
  lv: (q, y) => `${y}. g. ${q}. ceturksnis`,
  bg: (q, y) => `${ROMAN[q - 1]} тримесечие ${y} г.`,
};

const languageOf = (locale: string): string => {
  try {
    return new Intl.Locale(locale).language;
  } catch {
    return 'en';
  }
};

/**
 * A period as a reader of `locale` says it: "Q1 2026" / "I кв. 2026 г." /
 * "2026. g. 1. ceturksnis", "March 2026" / "март 2026 г.", "2026" / "2026. g.".
 * Months and years through Intl; the period key itself (2026-Q1) never changes.
 */
export function periodLabelIn(key: string, locale: string): string {
  const p = tryParsePeriod(key);
  if (!p) return key;
  const y = Number(key.slice(0, 4));
  const day = new Date(`${p.start}T00:00:00Z`);
  if (p.kind === 'quarter') {
    const label = QUARTER_LABELS[languageOf(locale)] ?? QUARTER_LABELS.en!;
    return label(Number(key.slice(6)), y);
  }
  if (p.kind === 'year') {
    return new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' }).format(day);
  }
  return new Intl.DateTimeFormat(locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(day);
}

/** A readable label in English (the API's own messages): "Q1 2026", "March 2026", "2026". */
export function periodLabel(key: string, locale = 'en'): string {
  return periodLabelIn(key, locale);
}

/**
 * Choices for a picker: the periods of a kind from `before` periods back up to the one
 * running today, newest first. Periods that have not started are never offered.
 */
export function periodChoices(kind: PeriodKind, today: string, before = 12): string[] {
  const current = periodOf(kind, today);
  const out: string[] = [];
  for (let i = 0; i >= -before; i--) out.push(shiftPeriod(current, i));
  return out;
}

/** The running quarter: the default period of the dashboards. */
export const defaultPeriod = (today: string = todayUtc()): string => periodOf('quarter', today);

/** The key of the period of a kind that contains a date (YYYY-MM-DD). */
export const periodKeyAt = (kind: PeriodKind, day: string): string => periodOf(kind, day);
