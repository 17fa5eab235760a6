import { Transform, type TransformCallback } from 'node:stream';
import type { CopyValue } from '@delight/db';
import { CsvError, parse } from 'csv-parse';
import type { FileSpec } from './files';
import type { ProblemList } from './problems';
import { type FileContent, openContent } from './source';

/** Free-text columns may hold line breaks (inside quotes); they are stored as \n. */
const MULTILINE = new Set(['comment', 'note']);

export interface ParseOutcome {
  /** records read after the header */
  rows: number;
  /** the file could not be read to its end (encoding, quoting): its keys are unknown */
  incomplete: boolean;
  /** the header was unusable: no row was staged */
  headerFailed: boolean;
  /** bytes read so far */
  bytes: number;
}

const CR_ONLY =
  'has carriage-return (CR) line ends only, as old Mac files do: save it with LF or CRLF line ends';

class DecodeError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/**
 * UTF-8 decoding as a stream: refuses invalid bytes and NUL characters (a database text
 * cannot hold one; it usually means UTF-16 or a binary file) with the line they are on.
 */
function utf8Text(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  // the first line end decides: a bare CR means CR-only line ends (old Mac files)
  let firstEnd: 'pending' | 'cr?' | 'done' = 'pending';
  const firstLineEnd = (text: string): boolean => {
    for (let i = 0; i < text.length && firstEnd !== 'done'; i++) {
      const ch = text[i];
      if (firstEnd === 'cr?') {
        if (ch !== '\n') return false;
        firstEnd = 'done';
      } else if (ch === '\r') firstEnd = 'cr?';
      else if (ch === '\n') firstEnd = 'done';
    }
    return true;
  };
  const invalidAt = (chunk: Buffer) => {
    // the line of the first invalid byte: decode leniently up to the replacement character
    const lenient = new TextDecoder('utf-8').decode(chunk);
    const bad = lenient.indexOf('\uFFFD');
    count(bad < 0 ? '' : lenient.slice(0, bad));
    return line;
  };
  const count = (text: string) => {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line++;
  };
  const check = (text: string, cb: TransformCallback) => {
    if (!firstLineEnd(text)) {
      cb(new DecodeError(CR_ONLY, 1));
      return false;
    }
    const nul = text.indexOf('\u0000');
    if (nul >= 0) {
      count(text.slice(0, nul));
      cb(new DecodeError('contains a NUL character (is it UTF-16 or binary?)', line));
      return false;
    }
    count(text);
    return true;
  };
  return new Transform({
    readableObjectMode: false,
    decodeStrings: true,
    transform(chunk: Buffer, _enc, cb) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        cb(new DecodeError('is not valid UTF-8', invalidAt(chunk)));
        return;
      }
      if (check(text, cb)) cb(null, text);
    },
    flush(cb) {
      if (firstEnd === 'cr?') {
        cb(new DecodeError(CR_ONLY, 1));
        return;
      }
      let text: string;
      try {
        text = decoder.decode();
      } catch {
        cb(new DecodeError('is not valid UTF-8', line));
        return;
      }
      if (check(text, cb)) cb(null, text);
    },
  });
}

/**
 * Reads one CSV file as a stream (RFC 4180, header row, comma, CRLF or LF, optional BOM)
 * and yields one staging row per record: `[line, broken, …cells in the spec's column
 * order]`, cells trimmed and empty ones NULL. Only the shape is checked here (header,
 * field counts, encoding, quoting); what the cells hold is checked in SQL once staged.
 * A record with the wrong number of fields is staged as `broken` (its key still counts
 * for references, so one bad row gives one problem, not a cascade) and reported here.
 */
export async function* stageRows(
  spec: FileSpec,
  content: FileContent,
  problems: ProblemList,
  outcome: ParseOutcome,
): AsyncGenerator<CopyValue[]> {
  const file = spec.name;
  const report = (line: number | null, column: string | null, message: string) =>
    problems.add({ file, line, column, message });
  const parser = parse({
    bom: true,
    info: true,
    // hand-edited files mix line ends; accept both in one file
    record_delimiter: ['\r\n', '\n'],
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    // the raw text of each record, to report the line a multi-line record starts on
    raw: true,
  });
  parser.on('skip', (err: CsvError) => {
    const line = (err as CsvError & { lines?: number }).lines ?? null;
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') outcome.incomplete = true;
    report(line, null, `is not valid CSV: ${err.message.replace(/^Invalid.*?:\s*/, '')}`);
  });
  const source = openContent(content);
  source.on('data', (chunk: Buffer) => {
    outcome.bytes += chunk.length;
  });
  const text = utf8Text();
  source.on('error', (err) => text.destroy(err));
  text.on('error', (err) => parser.destroy(err));
  source.pipe(text).pipe(parser);

  let index: number[] | null = null;
  let width = 0;
  try {
    for await (const { record, info, raw } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
      raw: string;
    }>) {
      if (index === null) {
        const header = checkHeader(spec, record, report);
        if (!header) {
          outcome.headerFailed = true;
          source.destroy();
          return;
        }
        index = header;
        width = record.length;
        continue;
      }
      outcome.rows++;
      const line = info.lines - newlines(raw.replace(/\r?\n$/, ''));
      const broken = record.length !== width;
      if (broken) {
        report(line, null, `has ${record.length} fields, the header has ${width}`);
      }
      const row: CopyValue[] = [line, broken];
      for (let c = 0; c < spec.columns.length; c++) {
        const i = index[c]!;
        const cell = i < 0 ? '' : (record[i] ?? '').trim();
        const column = spec.columns[c]!;
        if (!broken && cell.includes('\r') && !MULTILINE.has(column.name)) {
          report(
            line,
            column.name,
            `${column.name} contains a carriage return: save the file with LF or CRLF line ends`,
          );
          row[1] = true;
        }
        row.push(
          cell === '' ? null : MULTILINE.has(column.name) ? cell.replace(/\r\n?/g, '\n') : cell,
        );
      }
      yield row;
    }
  } catch (err) {
    if (err instanceof DecodeError) {
      outcome.incomplete = true;
      report(err.line, null, err.message);
      return;
    }
    if (err instanceof CsvError) {
      outcome.incomplete = true;
      report(
        (err as CsvError & { lines?: number }).lines ?? null,
        null,
        `is not valid CSV: ${err.message.replace(/^Invalid.*?:\s*/, '')}`,
      );
      return;
    }
    throw err;
  } finally {
    source.destroy();
  }
  if (index === null) {
    outcome.headerFailed = true;
    report(1, null, 'is empty: a header row is required');
  }
}

function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The position of each spec column in the record (-1: an optional column left out), or
 * null after reporting why the header cannot be used: a missing column, a column given
 * twice (the last copy would silently win), or CR-only line ends (the whole file would
 * read as one header line and its rows be dropped).
 */
function checkHeader(
  spec: FileSpec,
  record: string[],
  report: (line: number | null, column: string | null, message: string) => void,
): number[] | null {
  const names = record.map((c) => c.trim());
  if (names.some((n) => n.includes('\r'))) {
    report(1, null, CR_ONLY);
    return null;
  }
  let ok = true;
  const seen = new Map<string, number>();
  names.forEach((n, i) => {
    if (n === '') return;
    const first = seen.get(n);
    if (first !== undefined) {
      report(
        1,
        n,
        `the header has the column "${n}" twice (columns ${first + 1} and ${i + 1}); keep one`,
      );
      ok = false;
    } else seen.set(n, i);
  });
  const index = spec.columns.map((c) => {
    const i = seen.get(c.name);
    if (i === undefined && !c.optional) {
      report(1, c.name, `the header has no column "${c.name}"`);
      ok = false;
    }
    return i ?? -1;
  });
  return ok ? index : null;
}
