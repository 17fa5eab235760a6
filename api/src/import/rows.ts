import { RECOVERY_KINDS, RESPONSE_KINDS, ROLES, SEVERITIES, VALIDITIES } from '@delight/db';
import { z } from 'zod';

// Field parsers shared by every file. Empty optional cells become null.

const required = (what: string) => z.string().trim().min(1, `${what} is required`);
const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v));

/** A real calendar date YYYY-MM-DD (2026-02-30 is refused). */
export function isCalendarDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
const date = z.string().trim().refine(isCalendarDate, 'must be a date YYYY-MM-DD');
const optionalDate = optional.refine(
  (v) => v === null || isCalendarDate(v),
  'must be a date YYYY-MM-DD or empty',
);

// Timestamps must carry their zone (Z or ±hh:mm): the product stores UTC and a bare
// local time would silently shift KPIs between periods.
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
export function toUtcTimestamp(v: string): string | null {
  const m = TIMESTAMP.exec(v);
  if (!m || !isCalendarDate(m[1]!)) return null;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
const timestampMessage = 'must be an ISO 8601 timestamp with a zone, e.g. 2026-03-04T10:00:00Z';
const timestamp = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const t = toUtcTimestamp(v);
    if (t === null) {
      ctx.addIssue({ code: 'custom', message: timestampMessage });
      return z.NEVER;
    }
    return t;
  });
const optionalTimestamp = optional.transform((v, ctx) => {
  if (v === null) return null;
  const t = toUtcTimestamp(v);
  if (t === null) {
    ctx.addIssue({ code: 'custom', message: `${timestampMessage}, or empty` });
    return z.NEVER;
  }
  return t;
});

const month = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
  .transform((v) => `${v}-01`);

const DECIMAL = /^-?\d+(\.\d+)?$/;
const decimal = z
  .string()
  .trim()
  .regex(DECIMAL, 'must be a decimal number with "." (e.g. 1234.56)');
const nonNegativeDecimal = decimal.refine((v) => !v.startsWith('-'), 'must not be negative');
const positiveDecimal = decimal.refine(
  (v) => !v.startsWith('-') && /[1-9]/.test(v),
  'must be above 0',
);

const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const currency = z
  .string()
  .trim()
  .refine(
    (v) => /^[A-Z]{3}$/.test(v) && KNOWN_CURRENCIES.has(v),
    'must be an ISO 4217 currency code (EUR, UAH, BGN …)',
  );

const enumOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .trim()
    .pipe(z.enum(values, { error: `must be one of ${values.join(', ')}` }));

const email = z.string().trim().pipe(z.email('must be an e-mail address'));

export const employeeRow = z
  .object({
    external_id: required('external_id'),
    name: required('name'),
    email,
    role: enumOf(ROLES),
    segment: optional,
    bonus_target: nonNegativeDecimal,
    currency,
    hired_on: date,
    left_on: optionalDate,
  })
  .superRefine((r, ctx) => {
    if (r.left_on && r.left_on < r.hired_on) {
      ctx.addIssue({ code: 'custom', path: ['left_on'], message: 'is before hired_on' });
    }
  });

export const segmentRow = z.object({
  external_id: required('external_id'),
  name: required('name'),
  manager: required('manager'),
});

export const customerRow = z
  .object({
    external_id: required('external_id'),
    name: required('name'),
    segment: required('segment'),
    account_manager: optional,
    acquired_on: date,
    churned_on: optionalDate,
  })
  .superRefine((r, ctx) => {
    if (r.churned_on && r.churned_on < r.acquired_on) {
      ctx.addIssue({ code: 'custom', path: ['churned_on'], message: 'is before acquired_on' });
    }
  });

export const fxRateRow = z.object({ month, currency, rate: positiveDecimal });

export const revenueRow = z.object({
  customer: required('customer'),
  month,
  amount: decimal,
  currency,
});

const SCORE_RANGE = { nps: [0, 10], csat: [1, 5], ces: [1, 7] } as const;
export const responseRow = z
  .object({
    external_id: required('external_id'),
    customer: required('customer'),
    employee: optional,
    kind: enumOf(RESPONSE_KINDS),
    score: z.string().trim().regex(/^\d+$/, 'must be a whole number').transform(Number),
    responded_at: timestamp,
    // line ends inside a quoted comment are stored as \n whatever the file's own
    comment: optional.transform((v) => (v === null ? null : v.replace(/\r\n?/g, '\n'))),
  })
  .superRefine((r, ctx) => {
    const [lo, hi] = SCORE_RANGE[r.kind];
    if (r.score < lo || r.score > hi) {
      ctx.addIssue({
        code: 'custom',
        path: ['score'],
        message: `must be ${lo}–${hi} for ${r.kind}`,
      });
    }
  });

export const complaintRow = z
  .object({
    external_id: required('external_id'),
    customer: required('customer'),
    employee: required('employee'),
    opened_at: timestamp,
    first_response_at: optionalTimestamp,
    resolved_at: optionalTimestamp,
    validity: enumOf(VALIDITIES),
    severity: enumOf(SEVERITIES),
    follow_up_at: optionalTimestamp,
  })
  .superRefine((r, ctx) => {
    for (const key of ['first_response_at', 'resolved_at'] as const) {
      const v = r[key];
      if (v && v < r.opened_at) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'is before opened_at' });
      }
    }
  });

export const recoveryActionRow = z.object({
  external_id: required('external_id'),
  complaint: required('complaint'),
  kind: enumOf(RECOVERY_KINDS),
  cost: nonNegativeDecimal,
  currency,
  performed_at: timestamp,
  employee: required('employee'),
});

export type EmployeeRow = z.infer<typeof employeeRow>;
export type SegmentRow = z.infer<typeof segmentRow>;
export type CustomerRow = z.infer<typeof customerRow>;
export type FxRateRow = z.infer<typeof fxRateRow>;
export type RevenueRow = z.infer<typeof revenueRow>;
export type ResponseRow = z.infer<typeof responseRow>;
export type ComplaintRow = z.infer<typeof complaintRow>;
export type RecoveryActionRow = z.infer<typeof recoveryActionRow>;

/** The CSV files in load order (DESIGN.md, Import format) with their columns. */
export const CSV_FILES = {
  'employees.csv': employeeRow,
  'segments.csv': segmentRow,
  'customers.csv': customerRow,
  'fx_rates.csv': fxRateRow,
  'revenue.csv': revenueRow,
  'responses.csv': responseRow,
  'complaints.csv': complaintRow,
  'recovery_actions.csv': recoveryActionRow,
} as const;
export type CsvFileName = keyof typeof CSV_FILES;

/** Optional columns may be left out of the header entirely. */
export const OPTIONAL_COLUMNS: Partial<Record<CsvFileName, string[]>> = {
  'employees.csv': ['segment', 'left_on'],
  'customers.csv': ['account_manager', 'churned_on'],
  'responses.csv': ['employee', 'comment'],
  'complaints.csv': ['first_response_at', 'resolved_at', 'follow_up_at'],
};

export const JSON_FILES = ['plans.json', 'assumptions.json'] as const;
export type JsonFileName = (typeof JSON_FILES)[number];
export const IMPORT_FILES = [...Object.keys(CSV_FILES), ...JSON_FILES] as (
  | CsvFileName
  | JsonFileName
)[];
