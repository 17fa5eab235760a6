import {
  CONTACT_CHANNELS,
  CONTACT_OUTCOMES,
  RECOVERY_KINDS,
  RESPONSE_KINDS,
  ROLES,
  SEVERITIES,
  VALIDITIES,
} from '@delight/db';
import { type Column, MONEY, RATE, TIMESTAMP_MESSAGE } from './columns';

/** A reference from a column to the external_id of another file's table. */
export interface Reference {
  column: string;
  file: string;
  table: string;
  what: string;
}

/** A rule across the cells of one row, checked once all the cells it needs are good. */
export interface RowRule {
  /** the column the problem is reported on */
  column: string;
  needs: string[];
  /** SQL over the staged row `s` (cells typed with the column's type), true when broken */
  failing: string;
  /** SQL text expression of the message */
  message: string;
}

export interface FileSpec {
  name: string;
  columns: Column[];
  /** the key inside the file: a second row with the same key is refused */
  key: { columns: string[]; label: string };
  references: Reference[];
  /** amounts that need an FX rate of their month unless in the reporting currency */
  fx?: { month: string; currency: string };
  rules: RowRule[];
}

const key = (name: string, optional = false): Column => ({
  name,
  type: { type: 'key' },
  ...(optional ? { optional } : {}),
});
const text = (name: string, max: number, optional = false): Column => ({
  name,
  type: { type: 'text', max },
  ...(optional ? { optional } : {}),
});
const enumOf = (name: string, values: readonly string[], pgType: string): Column => ({
  name,
  type: { type: 'enum', values, pgType },
});
const date = (name: string, optional = false): Column => ({
  name,
  type: { type: 'date' },
  ...(optional ? { optional } : {}),
});
const timestamp = (name: string, optional = false): Column => ({
  name,
  type: { type: 'timestamp' },
  ...(optional ? { optional } : {}),
});
const money = (name: string, sign: 'any' | 'nonnegative'): Column => ({
  name,
  type: { type: 'decimal', ...MONEY, sign },
});
const currency: Column = { name: 'currency', type: { type: 'currency' } };
const ref = (column: string, file: string, table: string, what: string): Reference => ({
  column,
  file,
  table,
  what,
});
const notBefore = (later: string, earlier: string): RowRule => ({
  column: later,
  needs: [later, earlier],
  failing: `s.${later}::timestamptz < s.${earlier}::timestamptz`,
  message: `'${later} is before ${earlier}'`,
});
const dateNotBefore = (later: string, earlier: string): RowRule => ({
  column: later,
  needs: [later, earlier],
  failing: `s.${later}::date < s.${earlier}::date`,
  message: `'${later} is before ${earlier}'`,
});

const SCORE_RANGE = { nps: [0, 10], csat: [1, 5], ces: [1, 7] } as const;

/** The CSV files in load order (DESIGN.md, Import format), each declared once. */
export const FILE_SPECS = {
  'employees.csv': {
    name: 'employees.csv',
    columns: [
      key('external_id'),
      text('name', 500),
      { name: 'email', type: { type: 'email' } },
      enumOf('role', ROLES, 'role'),
      key('segment', true),
      money('bonus_target', 'nonnegative'),
      currency,
      date('hired_on'),
      date('left_on', true),
    ],
    key: { columns: ['external_id'], label: `'external_id ' || s.external_id` },
    references: [ref('segment', 'segments.csv', 'segments', 'segment')],
    rules: [dateNotBefore('left_on', 'hired_on')],
  },
  'segments.csv': {
    name: 'segments.csv',
    columns: [key('external_id'), text('name', 500), key('manager')],
    key: { columns: ['external_id'], label: `'external_id ' || s.external_id` },
    references: [ref('manager', 'employees.csv', 'employees', 'employee')],
    rules: [],
  },
  'customers.csv': {
    name: 'customers.csv',
    columns: [
      key('external_id'),
      text('name', 500),
      key('segment'),
      key('account_manager', true),
      date('acquired_on'),
      date('churned_on', true),
    ],
    key: { columns: ['external_id'], label: `'external_id ' || s.external_id` },
    references: [
      ref('segment', 'segments.csv', 'segments', 'segment'),
      ref('account_manager', 'employees.csv', 'employees', 'employee'),
    ],
    rules: [dateNotBefore('churned_on', 'acquired_on')],
  },
  'fx_rates.csv': {
    name: 'fx_rates.csv',
    columns: [
      { name: 'month', type: { type: 'month' } },
      currency,
      { name: 'rate', type: { type: 'decimal', ...RATE, sign: 'positive' } },
    ],
    key: { columns: ['month', 'currency'], label: `'rate for ' || s.month || ' ' || s.currency` },
    references: [],
    rules: [],
  },
  'revenue.csv': {
    name: 'revenue.csv',
    columns: [
      key('customer'),
      { name: 'month', type: { type: 'month' } },
      money('amount', 'any'),
      currency,
    ],
    key: { columns: ['customer', 'month'], label: `'revenue of ' || s.customer || ' ' || s.month` },
    references: [ref('customer', 'customers.csv', 'customers', 'customer')],
    fx: { month: `s.month`, currency: 'currency' },
    rules: [],
  },
  'responses.csv': {
    name: 'responses.csv',
    columns: [
      key('external_id'),
      key('customer'),
      key('employee', true),
      enumOf('kind', RESPONSE_KINDS, 'response_kind'),
      { name: 'score', type: { type: 'integer', max: 32767 } },
      timestamp('responded_at'),
      text('comment', 10_000, true),
    ],
    key: { columns: ['external_id'], label: `'external_id ' || s.external_id` },
    references: [
      ref('customer', 'customers.csv', 'customers', 'customer'),
      ref('employee', 'employees.csv', 'employees', 'employee'),
    ],
    rules: [
      {
        column: 'score',
        needs: ['kind', 'score'],
        failing: `case s.kind ${Object.entries(SCORE_RANGE)
          .map(([k, [lo, hi]]) => `when '${k}' then s.score::int not between ${lo} and ${hi}`)
          .join(' ')} end`,
        message: `'score must be ' || case s.kind ${Object.entries(SCORE_RANGE)
          .map(([k, [lo, hi]]) => `when '${k}' then '${lo}–${hi}'`)
          .join(' ')} end || ' for ' || s.kind || ' (got "' || s.score || '")'`,
      },
    ],
  },
  'complaints.csv': {
    name: 'complaints.csv',
    columns: [
      key('external_id'),
      key('customer'),
      key('employee'),
      timestamp('opened_at'),
      timestamp('first_response_at', true),
      timestamp('resolved_at', true),
      enumOf('validity', VALIDITIES, 'complaint_validity'),
      enumOf('severity', SEVERITIES, 'complaint_severity'),
      timestamp('follow_up_at', true),
    ],
    key: { columns: ['external_id'], label: `'external_id ' || s.external_id` },
    references: [
      ref('customer', 'customers.csv', 'customers', 'customer'),
      ref('employee', 'employees.csv', 'employees', 'employee'),
    ],
    rules: [notBefore('first_response_at', 'opened_at'), notBefore('resolved_at', 'opened_at')],
  },
  'recovery_actions.csv': {
    name: 'recovery_actions.csv',
    columns: [
      key('external_id'),
      key('complaint'),
      enumOf('kind', RECOVERY_KINDS, 'recovery_kind'),
      money('cost', 'nonnegative'),
      currency,
      timestamp('performed_at'),
      key('employee'),
    ],
    key: { columns: ['external_id'], label: `'external_id ' || s.external_id` },
    references: [
      ref('complaint', 'complaints.csv', 'complaints', 'complaint'),
      ref('employee', 'employees.csv', 'employees', 'employee'),
    ],
    fx: {
      month: `substr((s.performed_at::timestamptz at time zone 'UTC')::text, 1, 7)`,
      currency: 'currency',
    },
    rules: [],
  },
  'contacts.csv': {
    name: 'contacts.csv',
    columns: [
      key('external_id'),
      key('response', true),
      key('complaint', true),
      key('employee'),
      timestamp('contacted_at'),
      enumOf('channel', CONTACT_CHANNELS, 'contact_channel'),
      enumOf('outcome', CONTACT_OUTCOMES, 'contact_outcome'),
      text('note', 10_000, true),
    ],
    key: { columns: ['external_id'], label: `'external_id ' || s.external_id` },
    references: [
      ref('response', 'responses.csv', 'responses', 'response'),
      ref('complaint', 'complaints.csv', 'complaints', 'complaint'),
      ref('employee', 'employees.csv', 'employees', 'employee'),
    ],
    rules: [
      {
        column: 'response',
        needs: [],
        failing: `num_nonnulls(s.response, s.complaint) <> 1`,
        message: `'exactly one of response and complaint must be given'`,
      },
    ],
  },
} satisfies Record<string, FileSpec>;

export type CsvFileName = keyof typeof FILE_SPECS;
export const CSV_FILES = Object.keys(FILE_SPECS) as CsvFileName[];
export const specOf = (file: CsvFileName): FileSpec => FILE_SPECS[file];

export const JSON_FILES = ['plans.json', 'assumptions.json'] as const;
export type JsonFileName = (typeof JSON_FILES)[number];
export const IMPORT_FILES: (CsvFileName | JsonFileName)[] = [...CSV_FILES, ...JSON_FILES];

/** Where a file sorts in error lists (load order). */
export const fileOrder = (file: string) => {
  const i = (IMPORT_FILES as string[]).indexOf(file);
  return i < 0 ? IMPORT_FILES.length : i;
};

export { TIMESTAMP_MESSAGE };
