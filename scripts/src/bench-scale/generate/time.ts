import { DAY_MS } from '../scales';

export const HOUR_MS = 3_600_000;

/** `YYYY-MM-DD` of a UTC day number. */
export const dayText = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * An instant as ISO 8601 with seconds: UTC (`…Z`) or, with an offset in hours, the local
 * wall time and its offset (`…+03:00`), as exports from local systems look.
 */
export function instantText(ms: number, offsetHours = 0): string {
  const t = Math.floor(ms / 1000) * 1000;
  if (offsetHours === 0) return `${new Date(t).toISOString().slice(0, 19)}Z`;
  const local = new Date(t + offsetHours * HOUR_MS).toISOString().slice(0, 19);
  return `${local}+${String(offsetHours).padStart(2, '0')}:00`;
}
