import { CsvError, parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { CSV_FILES, type CsvFileName, OPTIONAL_COLUMNS } from './rows';

/** One problem of an import, as the API and CLI report it. */
export interface ImportError {
  file: string;
  /** 1-based line in the file (the header is line 1); null for a JSON path problem */
  line: number | null;
  column: string | null;
  message: string;
}

export interface ParsedRow<T> {
  line: number;
  data: T;
}

export interface ParsedFile<T> {
  rows: ParsedRow<T>[];
  /** every record's cells by column name, including the rows that failed */
  raw: Record<string, string>[];
  errors: ImportError[];
}

export type RowOf<F extends CsvFileName> = z.output<(typeof CSV_FILES)[F]>;

/** Decodes UTF-8 (with or without BOM; csv-parse strips it) and refuses other encodings. */
export function decodeText(content: string | Uint8Array): string {
  if (typeof content === 'string') return content;
  return new TextDecoder('utf-8', { fatal: true }).decode(content);
}

/**
 * Parses one CSV file (RFC 4180, header row, comma, CRLF or LF, optional BOM) and
 * validates each row against its file's schema. Returns the good rows and every error
 * with its line and column; nothing is dropped silently.
 */
export function parseCsvFile<F extends CsvFileName>(
  file: F,
  content: string | Uint8Array,
): ParsedFile<RowOf<F>> {
  const errors: ImportError[] = [];
  let text: string;
  try {
    text = decodeText(content);
  } catch {
    return {
      rows: [],
      raw: [],
      errors: [{ file, line: null, column: null, message: 'is not valid UTF-8' }],
    };
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    // a database text cannot hold it; it usually means a binary or UTF-16 file
    const line = text.slice(0, nul).split('\n').length;
    return {
      rows: [],
      raw: [],
      errors: [
        { file, line, column: null, message: 'contains a NUL character (is it UTF-16 or binary?)' },
      ],
    };
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      // hand-edited files mix line ends; accept both in one file
      record_delimiter: ['\r\n', '\n'],
      skip_empty_lines: true,
      relax_column_count: true,
    }) as never;
  } catch (err) {
    const line =
      err instanceof CsvError ? ((err as CsvError & { lines?: number }).lines ?? null) : null;
    const message = err instanceof Error ? err.message.replace(/^Invalid.*?:\s*/, '') : String(err);
    return {
      rows: [],
      raw: [],
      errors: [{ file, line, column: null, message: `is not valid CSV: ${message}` }],
    };
  }
  const [header, ...body] = records;
  if (!header)
    return {
      rows: [],
      raw: [],
      errors: [{ file, line: 1, column: null, message: 'is empty: a header row is required' }],
    };

  const schema = CSV_FILES[file];
  const columns = header.record.map((c) => c.trim());
  const expected = Object.keys(innerShape(schema));
  const optional = new Set(OPTIONAL_COLUMNS[file] ?? []);
  // Every record by column name, valid or not: other files' references are checked
  // against these keys, so one bad row gives one error, not a cascade.
  const raw = body.map(({ record }) => {
    const values: Record<string, string> = {};
    columns.forEach((c, i) => {
      values[c] = (record[i] ?? '').trim();
    });
    return values;
  });
  const missing = expected.filter((c) => !columns.includes(c) && !optional.has(c));
  if (missing.length > 0) {
    return {
      rows: [],
      raw,
      errors: missing.map((c) => ({
        file,
        line: 1,
        column: c,
        message: `the header has no column "${c}"`,
      })),
    };
  }

  const rows: ParsedRow<RowOf<F>>[] = [];
  for (const { record, info } of body) {
    const line = info.lines;
    if (record.length !== columns.length) {
      errors.push({
        file,
        line,
        column: null,
        message: `has ${record.length} fields, the header has ${columns.length}`,
      });
      continue;
    }
    const cells: Record<string, string> = {};
    for (const c of expected) cells[c] = '';
    columns.forEach((c, i) => {
      if (c in cells) cells[c] = record[i] ?? '';
    });
    const result = schema.safeParse(cells);
    if (result.success) {
      rows.push({ line, data: result.data as RowOf<F> });
    } else {
      for (const issue of result.error.issues) {
        const column = issue.path.length > 0 ? String(issue.path[0]) : null;
        const value = column ? cells[column] : undefined;
        errors.push({
          file,
          line,
          column,
          message: `${column ?? 'row'} ${issue.message}${value !== undefined && value !== '' ? ` (got "${value}")` : ''}`,
        });
      }
    }
  }
  return { rows, raw, errors };
}

// The columns of a file are the keys of its row schema (through any wrapper).
function innerShape(schema: unknown): object {
  const s = schema as { shape?: object; def?: { in?: unknown; schema?: unknown } };
  if (s.shape) return s.shape;
  if (s.def?.in) return innerShape(s.def.in);
  if (s.def?.schema) return innerShape(s.def.schema);
  throw new Error('import schema without an object shape');
}
