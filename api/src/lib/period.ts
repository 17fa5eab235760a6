import type { PeriodKind } from '@delight/db';
import { badRequest } from './errors';

/** A bonus/reporting period `[start, end)`: `2026-03`, `2026-Q1` or `2026`. Dates are UTC `YYYY-MM-DD`. */
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

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;
const DAY_MS = 86_400_000;

export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const utc = (y: number, m0: number) => Date.UTC(y, m0, 1);

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

/** Parses a period string; a malformed one is a 400 with an example of each form. */
export function parsePeriod(text: string | undefined): Period {
  const period = text === undefined ? null : tryParsePeriod(text);
  if (!period) {
    throw badRequest(
      `period must be a month (2026-03), a quarter (2026-Q1) or a year (2026); got "${text ?? ''}"`,
    );
  }
  return period;
}

/** The period of the same kind just before this one. */
export function previousPeriod(p: Period): Period {
  const [y, m] = p.start.split('-').map(Number) as [number, number];
  if (p.kind === 'year') return parsePeriod(String(y - 1));
  if (p.kind === 'quarter') {
    const q = (m - 1) / 3 + 1;
    return parsePeriod(q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`);
  }
  const prev = new Date(utc(y, m - 2));
  return parsePeriod(`${prev.getUTCFullYear()}-${String(prev.getUTCMonth() + 1).padStart(2, '0')}`);
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
  if (a.kind !== 'month' || b.kind !== 'month')
    throw badRequest('from and to must be months (YYYY-MM)');
  const out: string[] = [];
  for (let p = b; p.start >= a.start && out.length < 240; p = previousPeriod(p)) out.unshift(p.key);
  return out;
}
