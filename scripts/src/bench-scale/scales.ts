/**
 * The three company sizes of the scale benchmark (issue 12) and the fixed calendar they
 * live in. The calendar is fixed, not "today", so that a scale and a seed always give the
 * same bytes: 24 whole months, 2024-10 … 2026-09, i.e. the quarters 2024-Q4 … 2026-Q3.
 * The last day of the window (2026-09-30) is left empty on purpose: it is the "one more
 * day" of the incremental import, so its answers land inside the measured quarter.
 */

export const SCALE_NAMES = ['S', 'M', 'L'] as const;
export type ScaleName = (typeof SCALE_NAMES)[number];

export interface ScaleSpec {
  name: string;
  customers: number;
  employees: number;
  responses: number;
  complaints: number;
  /** customers per segment ≈ customers / segments; one segment manager per two segments */
  segments: number;
}

export const SCALES: Record<ScaleName, ScaleSpec> = {
  S: {
    name: 'S',
    customers: 1_000,
    employees: 100,
    responses: 10_000,
    complaints: 1_000,
    segments: 10,
  },
  M: {
    name: 'M',
    customers: 100_000,
    employees: 1_000,
    responses: 1_000_000,
    complaints: 100_000,
    segments: 100,
  },
  L: {
    name: 'L',
    customers: 1_000_000,
    employees: 10_000,
    responses: 10_000_000,
    complaints: 1_000_000,
    segments: 1_000,
  },
};

const DAY_MS = 86_400_000;

export { DAY_MS };

/** First day of the window (inclusive), as a UTC day number (days since 1970-01-01). */
export const WINDOW_START_DAY = Date.UTC(2024, 9, 1) / DAY_MS;
/** The day of the incremental import: the main data ends the day before. */
export const INCREMENT_DAY = Date.UTC(2026, 8, 30) / DAY_MS;
/** First day after the window. */
export const WINDOW_END_DAY = Date.UTC(2026, 9, 1) / DAY_MS;
/** Customers acquired before the window were acquired from this day on. */
export const HISTORY_START_DAY = Date.UTC(2019, 0, 1) / DAY_MS;

/** The 24 months of the window, `YYYY-MM`, oldest first. */
export const MONTHS: readonly string[] = Array.from({ length: 24 }, (_, i) => {
  const d = new Date(Date.UTC(2024, 9 + i, 1));
  return d.toISOString().slice(0, 7);
});

/** The quarter every single-period endpoint is asked about (it holds the increment day). */
export const MEASURED_PERIOD = '2026-Q3';

/** Share of the scale's responses and complaints that make "one more day" (≈ 1/667). */
export const INCREMENT_SHARE = 0.0015;

export function incrementCounts(spec: ScaleSpec): { responses: number; complaints: number } {
  return {
    responses: Math.max(1, Math.round(spec.responses * INCREMENT_SHARE)),
    complaints: Math.max(1, Math.round(spec.complaints * INCREMENT_SHARE)),
  };
}

/** `S`, `m`, `l` … → the scale name, or null. */
export function parseScaleName(text: string): ScaleName | null {
  const upper = text.toUpperCase();
  return (SCALE_NAMES as readonly string[]).includes(upper) ? (upper as ScaleName) : null;
}
