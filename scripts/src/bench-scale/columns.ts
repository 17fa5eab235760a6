/**
 * The columns of each generated CSV file, in file order, with the types the floor
 * (plain PostgreSQL tables) and DuckDB give them. One list serves the generator's header
 * rows, the `\copy` floor and the DuckDB load, so the three can never disagree.
 * Months stay text (`YYYY-MM`): they compare correctly as text in both engines.
 */

export type ColumnType = 'text' | 'date' | 'timestamptz' | 'int' | 'money' | 'rate';

export const FILE_COLUMNS = {
  'employees.csv': {
    external_id: 'text',
    name: 'text',
    email: 'text',
    role: 'text',
    segment: 'text',
    bonus_target: 'money',
    currency: 'text',
    hired_on: 'date',
    left_on: 'date',
  },
  'segments.csv': { external_id: 'text', name: 'text', manager: 'text' },
  'customers.csv': {
    external_id: 'text',
    name: 'text',
    segment: 'text',
    account_manager: 'text',
    acquired_on: 'date',
    churned_on: 'date',
  },
  'fx_rates.csv': { month: 'text', currency: 'text', rate: 'rate' },
  'revenue.csv': { customer: 'text', month: 'text', amount: 'money', currency: 'text' },
  'responses.csv': {
    external_id: 'text',
    customer: 'text',
    employee: 'text',
    kind: 'text',
    score: 'int',
    responded_at: 'timestamptz',
    comment: 'text',
  },
  'complaints.csv': {
    external_id: 'text',
    customer: 'text',
    employee: 'text',
    opened_at: 'timestamptz',
    first_response_at: 'timestamptz',
    resolved_at: 'timestamptz',
    validity: 'text',
    severity: 'text',
    follow_up_at: 'timestamptz',
  },
  'recovery_actions.csv': {
    external_id: 'text',
    complaint: 'text',
    kind: 'text',
    cost: 'money',
    currency: 'text',
    performed_at: 'timestamptz',
    employee: 'text',
  },
} as const satisfies Record<string, Record<string, ColumnType>>;

export type CsvFile = keyof typeof FILE_COLUMNS;
export const CSV_FILES = Object.keys(FILE_COLUMNS) as CsvFile[];

/** The table a file loads into (`recovery_actions.csv` → `recovery_actions`). */
export const tableOf = (file: CsvFile): string => file.replace(/\.csv$/, '');

export const columnsOf = (file: CsvFile): string[] => Object.keys(FILE_COLUMNS[file]);

const PG_TYPES: Record<ColumnType, string> = {
  text: 'text',
  date: 'date',
  timestamptz: 'timestamptz',
  int: 'integer',
  money: 'numeric(18,2)',
  rate: 'numeric(18,6)',
};

const DUCKDB_TYPES: Record<ColumnType, string> = {
  text: 'VARCHAR',
  date: 'DATE',
  timestamptz: 'TIMESTAMPTZ',
  int: 'INTEGER',
  money: 'DECIMAL(18,2)',
  rate: 'DECIMAL(18,6)',
};

export function columnTypes(file: CsvFile, engine: 'postgres' | 'duckdb'): [string, string][] {
  const types = engine === 'postgres' ? PG_TYPES : DUCKDB_TYPES;
  return Object.entries(FILE_COLUMNS[file]).map(([name, type]) => [name, types[type]]);
}
