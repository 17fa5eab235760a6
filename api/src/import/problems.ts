import { DomainError } from '../lib/errors';
import { fileOrder } from './files';

/** One problem of an import, as the API and CLI report it. */
export interface ImportError {
  file: string;
  /** 1-based line in the file (the header is line 1); the index for an ingest batch; null for a JSON path problem */
  line: number | null;
  column: string | null;
  message: string;
}

/** At most this many problems are listed; `total_errors` counts them all. */
export const MAX_ERRORS = 1000;

/** A rejected import: every problem found, nothing written. */
export class ImportRejected extends DomainError {
  constructor(
    readonly errors: ImportError[],
    readonly totalErrors: number = errors.length,
  ) {
    const shown = errors.slice(0, MAX_ERRORS);
    const rest = totalErrors - shown.length;
    super(
      'import_rejected',
      `The import was rejected, nothing was written: ${totalErrors} problem${totalErrors === 1 ? '' : 's'}${rest > 0 ? ` (the first ${shown.length} are listed, ${rest} more)` : ''}`,
      undefined,
      { errors: shown, total_errors: totalErrors },
    );
  }
}

export const compareErrors = (a: ImportError, b: ImportError) =>
  fileOrder(a.file) - fileOrder(b.file) || (a.line ?? -1) - (b.line ?? -1);

/**
 * Problems found while reading (structure, encoding, JSON files): the first MAX_ERRORS
 * in file and line order are kept, the rest only counted, so memory stays small
 * however broken a file is.
 */
export class ProblemList {
  private kept: ImportError[] = [];
  count = 0;
  add(e: ImportError): void {
    this.count++;
    this.kept.push(e);
    if (this.kept.length > MAX_ERRORS * 2) this.trim();
  }
  private trim() {
    this.kept.sort(compareErrors);
    this.kept.length = Math.min(this.kept.length, MAX_ERRORS);
  }
  list(): ImportError[] {
    this.trim();
    return this.kept;
  }
}
