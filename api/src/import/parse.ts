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
): { rows: ParsedRow<RowOf<F>>[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  let text: string;
  try {
    text = decodeText(content);
  } catch {
    return {
      rows: [],
      errors: [{ file, line: null, column: null, message: 'is not valid UTF-8' }],
    };
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as never;
  } catch (err) {
    const line =
      err instanceof CsvError ? ((err as CsvError & { lines?: number }).lines ?? null) : null;
    const message = err instanceof Error ? err.message.replace(/^Invalid.*?:\s*/, '') : String(err);
    return {
      rows: [],
      errors: [{ file, line, column: null, message: `is not valid CSV: ${message}` }],
    };
  }
  const [header, ...body] = records;
  if (!header)
    return {
      rows: [],
      errors: [{ file, line: 1, column: null, message: 'is empty: a header row is required' }],
    };

  const schema = CSV_FILES[file];
  const columns = header.record.map((c) => c.trim());
  const expected = Object.keys(innerShape(schema));
  const optional = new Set(OPTIONAL_COLUMNS[file] ?? []);
  const missing = expected.filter((c) => !columns.includes(c) && !optional.has(c));
  if (missing.length > 0) {
    return {
      rows: [],
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
    const raw: Record<string, string> = {};
    for (const c of expected) raw[c] = '';
    columns.forEach((c, i) => {
      if (c in raw) raw[c] = record[i] ?? '';
    });
    const result = schema.safeParse(raw);
    if (result.success) {
      rows.push({ line, data: result.data as RowOf<F> });
    } else {
      for (const issue of result.error.issues) {
        const column = issue.path.length > 0 ? String(issue.path[0]) : null;
        const value = column ? raw[column] : undefined;
        errors.push({
          file,
          line,
          column,
          message: `${column ?? 'row'} ${issue.message}${value !== undefined && value !== '' ? ` (got "${value}")` : ''}`,
        });
      }
    }
  }
  return { rows, errors };
}

// The columns of a file are the keys of its row schema (through any wrapper).
function innerShape(schema: unknown): object {
  const s = schema as { shape?: object; def?: { in?: unknown; schema?: unknown } };
  if (s.shape) return s.shape;
  if (s.def?.in) return innerShape(s.def.in);
  if (s.def?.schema) return innerShape(s.def.schema);
  throw new Error('import schema without an object shape');
}
