import type { ImportError, ParsedRow, RowOf } from './parse';
import { type CsvFileName, IMPORT_FILES } from './rows';

export type Parsed = { [F in CsvFileName]?: ParsedRow<RowOf<F>>[] };
export type RawRecords = { [F in CsvFileName]?: Record<string, string>[] };

/** Keys already stored, for references from the files being imported. */
export interface Existing {
  employees: Map<string, number>;
  segments: Map<string, number>;
  customers: Map<string, number>;
  complaints: Map<string, number>;
  fx: Set<string>;
}

/** Duplicate keys, references to rows that exist neither in the import nor stored, missing FX rates. */
export function checkReferences(
  parsed: Parsed,
  raw: RawRecords,
  existing: Existing,
  reporting: string,
): ImportError[] {
  const errors: ImportError[] = [];
  const keys = (file: CsvFileName, key: (r: Record<string, string>) => string) =>
    new Set((raw[file] ?? []).map(key));
  const id = (r: Record<string, string>) => r.external_id ?? '';

  const known = {
    employees: union(existing.employees, keys('employees.csv', id)),
    segments: union(existing.segments, keys('segments.csv', id)),
    customers: union(existing.customers, keys('customers.csv', id)),
    complaints: union(existing.complaints, keys('complaints.csv', id)),
    fx: new Set([...existing.fx, ...keys('fx_rates.csv', (r) => `${r.month}-01|${r.currency}`)]),
  };

  const duplicates = <T>(
    file: string,
    rows: ParsedRow<T>[] | undefined,
    key: (r: T) => string,
    what: string,
  ) => {
    const first = new Map<string, number>();
    for (const { line, data } of rows ?? []) {
      const k = key(data);
      const seen = first.get(k);
      if (seen !== undefined) {
        errors.push({
          file,
          line,
          column: null,
          message: `${what} ${k} appears twice (first on line ${seen})`,
        });
      } else first.set(k, line);
    }
  };
  duplicates('employees.csv', parsed['employees.csv'], (r) => r.external_id, 'external_id');
  duplicates('segments.csv', parsed['segments.csv'], (r) => r.external_id, 'external_id');
  duplicates('customers.csv', parsed['customers.csv'], (r) => r.external_id, 'external_id');
  duplicates(
    'fx_rates.csv',
    parsed['fx_rates.csv'],
    (r) => `${r.month.slice(0, 7)} ${r.currency}`,
    'rate for',
  );
  duplicates(
    'revenue.csv',
    parsed['revenue.csv'],
    (r) => `${r.customer} ${r.month.slice(0, 7)}`,
    'revenue of',
  );
  duplicates('responses.csv', parsed['responses.csv'], (r) => r.external_id, 'external_id');
  duplicates('complaints.csv', parsed['complaints.csv'], (r) => r.external_id, 'external_id');
  duplicates(
    'recovery_actions.csv',
    parsed['recovery_actions.csv'],
    (r) => r.external_id,
    'external_id',
  );

  const ref = (
    file: string,
    line: number,
    column: string,
    value: string | null,
    set: Set<string>,
    what: string,
  ) => {
    if (value !== null && !set.has(value)) {
      errors.push({
        file,
        line,
        column,
        message: `${column} ${value}: no such ${what} in this import or already stored`,
      });
    }
  };
  const fx = (file: string, line: number, month: string, currency: string) => {
    if (currency !== reporting && !known.fx.has(`${month}|${currency}`)) {
      errors.push({
        file,
        line,
        column: 'currency',
        message: `no FX rate for ${currency} in ${month.slice(0, 7)} (add it to fx_rates.csv)`,
      });
    }
  };
  const monthOf = (ts: string) => `${ts.slice(0, 7)}-01`;

  for (const { line, data } of parsed['employees.csv'] ?? []) {
    ref('employees.csv', line, 'segment', data.segment, known.segments, 'segment');
  }
  for (const { line, data } of parsed['segments.csv'] ?? []) {
    ref('segments.csv', line, 'manager', data.manager, known.employees, 'employee');
  }
  for (const { line, data } of parsed['customers.csv'] ?? []) {
    ref('customers.csv', line, 'segment', data.segment, known.segments, 'segment');
    ref(
      'customers.csv',
      line,
      'account_manager',
      data.account_manager,
      known.employees,
      'employee',
    );
  }
  for (const { line, data } of parsed['revenue.csv'] ?? []) {
    ref('revenue.csv', line, 'customer', data.customer, known.customers, 'customer');
    fx('revenue.csv', line, data.month, data.currency);
  }
  for (const { line, data } of parsed['responses.csv'] ?? []) {
    ref('responses.csv', line, 'customer', data.customer, known.customers, 'customer');
    ref('responses.csv', line, 'employee', data.employee, known.employees, 'employee');
  }
  for (const { line, data } of parsed['complaints.csv'] ?? []) {
    ref('complaints.csv', line, 'customer', data.customer, known.customers, 'customer');
    ref('complaints.csv', line, 'employee', data.employee, known.employees, 'employee');
  }
  for (const { line, data } of parsed['recovery_actions.csv'] ?? []) {
    ref('recovery_actions.csv', line, 'complaint', data.complaint, known.complaints, 'complaint');
    ref('recovery_actions.csv', line, 'employee', data.employee, known.employees, 'employee');
    fx('recovery_actions.csv', line, monthOf(data.performed_at), data.currency);
  }
  return errors;
}

const union = (m: Map<string, number>, s: Set<string>) => new Set([...m.keys(), ...s]);

const FILE_ORDER = new Map<string, number>(IMPORT_FILES.map((f, i) => [f, i]));
export function sortErrors(errors: ImportError[]): ImportError[] {
  return [...errors].sort(
    (a, b) =>
      (FILE_ORDER.get(a.file) ?? 99) - (FILE_ORDER.get(b.file) ?? 99) ||
      (a.line ?? 0) - (b.line ?? 0),
  );
}
