/**
 * The one declaration of what a cell may hold. Each file's columns are declared once
 * (files.ts) with one of these types; from it come the staging table, the set-based SQL
 * that reports every bad cell with its line and column, and the typed value the apply
 * step writes. Bounds are chosen so that nothing the declaration accepts can be
 * refused by the database afterwards (year 0000, 3,000-character keys that overflow an
 * index row, numerics beyond PostgreSQL's limits …): the database never sees a value
 * it would refuse, so a bad file is a 422 naming file, line and column, never a 500.
 */

export type ColumnType =
  /** an identifier (external_id or a reference to one); indexed, so kept short */
  | { type: 'key' }
  | { type: 'text'; max: number }
  | { type: 'email' }
  | { type: 'enum'; values: readonly string[]; pgType: string }
  | { type: 'date' }
  | { type: 'month' }
  | { type: 'timestamp' }
  | { type: 'decimal'; digits: number; scale: number; sign: 'any' | 'nonnegative' | 'positive' }
  | { type: 'integer'; max: number }
  | { type: 'currency' };

export interface Column {
  name: string;
  type: ColumnType;
  /** may be empty; may also be left out of the header */
  optional?: boolean;
}

/** Keys are indexed: 200 characters of up to 4 bytes each stay below a btree row (2,704 bytes). */
export const KEY_MAX = 200;
/** Dates and timestamps between these (inclusive); outside is refused as implausible. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;
/** Money amounts: digits before and after the point. */
export const MONEY = { digits: 15, scale: 6 } as const;
/** FX rates: digits before and after the point. */
export const RATE = { digits: 9, scale: 12 } as const;

const KNOWN_CURRENCIES = Intl.supportedValuesOf('currency').filter((c) => /^[A-Z]{3}$/.test(c));

/** A SQL string literal. */
export const lit = (v: string) => `'${v.replaceAll("'", "''")}'`;
const array = (values: readonly string[]) => `array[${values.map(lit).join(',')}]::text[]`;

/** `(got "…")` with the cell's first 40 characters. */
const got = (v: string) =>
  `' (got "' || left(${v}, 40) || case when char_length(${v}) > 40 then '…' else '' end || '")'`;

/** The calendar checks of a YYYY-MM-DD text `d` already matching the shape. */
const yearOf = (d: string) => `substr(${d}, 1, 4)::int`;
const monthOf = (d: string) => `substr(${d}, 6, 2)::int`;
const dayOf = (d: string) => `substr(${d}, 9, 2)::int`;
const daysInMonth = (d: string) =>
  `extract(day from make_date(${yearOf(d)}, ${monthOf(d)}, 1) + interval '1 month' - interval '1 day')::int`;

type Check = [failing: string, message: string];

/**
 * Checks of the date part `d` (YYYY-MM-DD text, shape already checked) of the cell `v`
 * in order; each may assume the previous ones passed.
 */
function dateChecks(name: string, d: string, v: string, what: string): Check[] {
  const bounds = `'${name} must be between ${MIN_YEAR}-01-01 and ${MAX_YEAR}-12-31'`;
  const shape = `'${name} ${what}'`;
  return [
    [`${yearOf(d)} not between ${MIN_YEAR} and ${MAX_YEAR}`, `${bounds} || ${got(v)}`],
    [`${monthOf(d)} not between 1 and 12`, `${shape} || ${got(v)}`],
    [`${dayOf(d)} not between 1 and ${daysInMonth(d)}`, `${shape} || ${got(v)}`],
  ];
}

const TIMESTAMP_SHAPE =
  '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?(Z|[+-]\\d{2}:\\d{2})$';
export const TIMESTAMP_MESSAGE =
  'must be an ISO 8601 timestamp with a zone, e.g. 2026-03-04T10:00:00Z';

/** Checks of a cell `v` (trimmed, never empty: empty is NULL) in order. */
function checks(c: Column, v: string): Check[] {
  const n = c.name;
  const msg = (m: string) => `'${n} ${m}' || ${got(v)}`;
  switch (c.type.type) {
    case 'key':
      return [
        [
          `char_length(${v}) > ${KEY_MAX}`,
          `'${n} is ' || char_length(${v}) || ' characters long; at most ${KEY_MAX}'`,
        ],
      ];
    case 'text':
      return [
        [
          `char_length(${v}) > ${c.type.max}`,
          `'${n} is ' || char_length(${v}) || ' characters long; at most ${c.type.max}'`,
        ],
      ];
    case 'email':
      return [
        [`char_length(${v}) > 320`, `'${n} is longer than 320 characters'`],
        [
          `${v} !~ '^[^@\\s"<>(),;:]+@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,}$'`,
          msg('must be an e-mail address'),
        ],
      ];
    case 'enum':
      return [
        [
          `not (${v} = any(${array(c.type.values)}))`,
          msg(`must be one of ${c.type.values.join(', ')}`),
        ],
      ];
    case 'currency':
      return [
        [
          `not (${v} = any(${array(KNOWN_CURRENCIES)}))`,
          msg('must be an ISO 4217 currency code (EUR, UAH, BGN …)'),
        ],
      ];
    case 'date':
      return [
        [`${v} !~ '^\\d{4}-\\d{2}-\\d{2}$'`, msg('must be a date YYYY-MM-DD')],
        ...dateChecks(n, v, v, 'must be a date YYYY-MM-DD'),
      ];
    case 'month':
      return [
        [`${v} !~ '^\\d{4}-\\d{2}$'`, msg('must be a month YYYY-MM')],
        [
          `${yearOf(v)} not between ${MIN_YEAR} and ${MAX_YEAR}`,
          `'${n} must be between ${MIN_YEAR}-01 and ${MAX_YEAR}-12' || ${got(v)}`,
        ],
        [`${monthOf(v)} not between 1 and 12`, msg('must be a month YYYY-MM')],
      ];
    case 'timestamp': {
      const d = `substr(${v}, 1, 10)`;
      const bad = msg(TIMESTAMP_MESSAGE);
      return [
        [`${v} !~ '${TIMESTAMP_SHAPE}'`, bad],
        ...dateChecks(n, d, v, TIMESTAMP_MESSAGE),
        [
          `substr(${v}, 12, 2)::int > 23 or substr(${v}, 15, 2)::int > 59 or (substr(${v}, 17, 1) = ':' and substr(${v}, 18, 2)::int > 59)`,
          bad,
        ],
        [
          `${v} ~ '[+-]\\d{2}:\\d{2}$' and (substr(${v}, char_length(${v}) - 4, 2)::int > 14 or right(${v}, 2)::int > 59)`,
          bad,
        ],
      ];
    }
    case 'decimal': {
      const { digits, scale, sign } = c.type;
      const whole = `ltrim(split_part(ltrim(${v}, '-'), '.', 1), '0')`;
      const fraction = `split_part(${v}, '.', 2)`;
      const out: Check[] = [
        [`${v} !~ '^-?\\d+(\\.\\d+)?$'`, msg('must be a decimal number with "." (e.g. 1234.56)')],
        [
          `char_length(${whole}) > ${digits}`,
          `'${n} has ' || char_length(${whole}) || ' digits before the point; at most ${digits}'`,
        ],
        [
          `char_length(${fraction}) > ${scale}`,
          `'${n} has ' || char_length(${fraction}) || ' decimals; at most ${scale}'`,
        ],
      ];
      if (sign === 'nonnegative') out.push([`${v} ~ '^-'`, msg('must not be negative')]);
      if (sign === 'positive') out.push([`${v} ~ '^-' or ${v} !~ '[1-9]'`, msg('must be above 0')]);
      return out;
    }
    case 'integer':
      return [
        [`${v} !~ '^\\d+$'`, msg('must be a whole number')],
        [
          `char_length(${v}) > 9 or ${v}::int > ${c.type.max}`,
          msg(`must be at most ${c.type.max}`),
        ],
      ];
  }
}

// Fast paths: one regular expression that accepts the usual well-formed cell outright
// (years 1900–2999, days up to 28, so no calendar arithmetic is needed); anything else
// goes through the checks in order. Only ever accepts what the checks accept.
const YEAR = '(19|2\\d)\\d{2}';
const DAY28 = `${YEAR}-(0[1-9]|1[0-2])-(0[1-9]|1\\d|2[0-8])`;
const FAST: Partial<Record<ColumnType['type'], string>> = {
  date: `^${DAY28}$`,
  month: `^${YEAR}-(0[1-9]|1[0-2])$`,
  timestamp: `^${DAY28}T([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,6})?)?(Z|[+-](0\\d|1[0-4]):[0-5]\\d)$`,
};

/**
 * A SQL expression giving the first problem of the cell as text, or NULL when the cell
 * is good. `v` is the staged cell (NULL when empty).
 */
export function cellProblem(c: Column, v: string): string {
  const parts = checks(c, v).map(([failing, message]) => `when ${failing} then ${message}`);
  const empty = c.optional ? 'null' : `'${c.name} is required'`;
  const fast = FAST[c.type.type];
  const accept = fast ? `when ${v} ~ '${fast}' then null` : '';
  return `case when ${v} is null then ${empty} ${accept} ${parts.join(' ')} else null end`;
}

/** The cell as its typed value, for a cell known to be good. */
export function typed(c: Column, v: string): string {
  switch (c.type.type) {
    case 'date':
      return `${v}::date`;
    case 'month':
      return `(${v} || '-01')::date`;
    case 'timestamp':
      return `${v}::timestamptz`;
    case 'decimal':
      return `${v}::numeric`;
    case 'integer':
      return `${v}::int`;
    case 'enum':
      return `${v}::${c.type.pgType}`;
    default:
      return v;
  }
}
