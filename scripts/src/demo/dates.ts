/** UTC calendar arithmetic for the demo: days are integers since 1970-01-01, instants are ms. */

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** 'YYYY-MM-DD' → day number. Throws on anything else, so a bad asOf fails early. */
export function parseDay(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${text}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (formatDay(ms / DAY_MS) !== text) throw new Error(`no such date: ${text}`);
  return ms / DAY_MS;
}

export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO 8601 UTC to the second, as the import format writes timestamps. */
export function formatInstant(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/** Months are counted as year × 12 + month index, so ranges are plain integer loops. */
export function monthOfDay(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

export function monthStartDay(month: number): number {
  return Date.UTC(Math.floor(month / 12), month % 12, 1) / DAY_MS;
}

export function formatMonth(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
}

export function quarterStartMonth(month: number): number {
  return month - (month % 3);
}

export { todayUtc } from '@delight/api/lib/period';
