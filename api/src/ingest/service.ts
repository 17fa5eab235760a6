import { createHash } from 'node:crypto';
import type { CopyValue, Db, Executor } from '@delight/db';
import { queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import { reviewRuns } from '../bonus/approval';
import type { Changes } from '../import/apply';
import { type CsvFileName, type FileSpec, specOf } from '../import/files';
import { ProblemList } from '../import/problems';
import {
  analyzeTouched,
  applyStaged,
  checkStaged,
  newOutcome,
  stageInputs,
} from '../import/service';
import { lockDataWrites, serialisedWrite } from '../import/write-lock';
import { DomainError, payloadTooLarge, unprocessable } from '../lib/errors';

/** POST /api/ingest/{kind}: the import file each kind of batch is checked and applied as. */
export const INGEST_KINDS = {
  responses: 'responses.csv',
  complaints: 'complaints.csv',
  'recovery-actions': 'recovery_actions.csv',
  contacts: 'contacts.csv',
} as const satisfies Record<string, CsvFileName>;
export type IngestKind = keyof typeof INGEST_KINDS;

export const INGEST_MAX_ROWS = 10_000;
const KEY_MAX = 200;

export interface IngestResult {
  ingested: number;
  changes: Changes;
}

export interface IngestRequest {
  kind: IngestKind;
  /** the parsed body: `{ "rows": [ {column: value, …}, … ] }` */
  body: unknown;
  /** the body as sent, for the idempotency check */
  rawBody: string;
  actor: string;
  /** who calls, so one client's keys never meet another's: `token:12` */
  caller: string;
  idempotencyKey?: string | undefined;
  reportingCurrency: string;
}

/** What a repeat of an idempotency key gets: the first answer, nothing written. */
export interface IngestAnswer {
  status: 200;
  body: IngestResult;
  replayed: boolean;
}

/** A cell from JSON: text as it is, numbers as their shortest text, anything else as JSON (then refused by its column's check). */
function cellOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** The batch's rows in staging order; line = index in the batch. */
function* batchRows(
  spec: FileSpec,
  file: string,
  rows: unknown[],
  problems: ProblemList,
): Generator<CopyValue[]> {
  const columns = new Set(spec.columns.map((c) => c.name));
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      problems.add({
        file,
        line: i,
        column: null,
        message: `must be an object with the fields ${[...columns].join(', ')}`,
      });
      yield [i, true, ...spec.columns.map(() => null)];
      continue;
    }
    for (const field of Object.keys(row)) {
      if (!columns.has(field)) {
        problems.add({ file, line: i, column: field, message: `unknown field "${field}"` });
      }
    }
    const record = row as Record<string, unknown>;
    yield [i, false, ...spec.columns.map((c) => cellOf(record[c.name]))];
  }
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

async function storedAnswer(
  tx: Executor,
  key: string,
): Promise<{ body_hash: string; endpoint: string; response: unknown } | null> {
  const [row] = await queryRows<{ body_hash: string; endpoint: string; response: unknown }>(
    tx,
    sql`select body_hash, endpoint, response from ingest_requests where key = ${key}`,
  );
  return row ?? null;
}

/**
 * Checks a batch exactly as the import checks its file (same column declarations,
 * same error shape, line = index in the batch) and applies it in one transaction
 * under the write lock. With an Idempotency-Key, the first answer is stored in that
 * transaction: a repeat with the same body gets it back and writes nothing; the same
 * key with another body is a 422.
 */
export async function ingestBatch(db: Db, request: IngestRequest): Promise<IngestAnswer> {
  const file = INGEST_KINDS[request.kind];
  const rows = (request.body as { rows?: unknown } | null)?.rows;
  if (typeof request.body !== 'object' || request.body === null || !Array.isArray(rows)) {
    throw unprocessable('The body must be a JSON object { "rows": [ … ] }', [
      { path: 'rows', message: 'must be an array of rows' },
    ]);
  }
  if (rows.length === 0)
    throw unprocessable('The batch has no rows', [{ path: 'rows', message: 'is empty' }]);
  if (rows.length > INGEST_MAX_ROWS) {
    throw payloadTooLarge(
      `A batch may have at most ${INGEST_MAX_ROWS} rows; this one has ${rows.length}. Split it, or use POST /api/import.`,
    );
  }
  const key = request.idempotencyKey;
  if (key !== undefined && (key.length === 0 || key.length > KEY_MAX)) {
    throw unprocessable(`Idempotency-Key must be 1–${KEY_MAX} characters`);
  }
  const storedKey = key === undefined ? null : `${request.caller}:${key}`;
  const bodyHash = hash(request.rawBody);
  const spec = specOf(file);

  const answer = await serialisedWrite(db, () =>
    db.transaction(async (tx): Promise<IngestAnswer> => {
      await lockDataWrites(tx);
      if (storedKey) {
        const stored = await storedAnswer(tx, storedKey);
        if (stored) {
          if (stored.body_hash !== bodyHash || stored.endpoint !== request.kind) {
            throw new DomainError(
              'idempotency_key_reused',
              'This Idempotency-Key was already used with another request body; use a new key for new data',
            );
          }
          const body = (
            typeof stored.response === 'string' ? JSON.parse(stored.response) : stored.response
          ) as IngestResult;
          return { status: 200, body, replayed: true };
        }
      }
      const problems = new ProblemList();
      const outcome = newOutcome();
      const staged = await stageInputs(tx, [
        { file, rows: batchRows(spec, request.kind, rows, problems), outcome, totalBytes: 0 },
      ]);
      staged.rows.set(file, rows.length);
      await checkStaged(tx, staged, problems, request.reportingCurrency, () => request.kind);
      const applied = await applyStaged(tx, staged);
      await reviewRuns(tx, { actor: request.caller, cause: 'Data sent through the ingest API' });
      const body: IngestResult = { ingested: rows.length, changes: applied.changes[file]! };
      if (storedKey) {
        await tx.execute(
          sql`delete from ingest_requests where created_at < now() - interval '7 days'`,
        );
        await tx.execute(
          sql`insert into ingest_requests (key, endpoint, body_hash, status, response)
              values (${storedKey}, ${request.kind}, ${bodyHash}, 200, ${JSON.stringify(body)}::jsonb)`,
        );
      }
      return { status: 200, body, replayed: false };
    }),
  );
  if (!answer.replayed) await analyzeTouched(db, { changes: { [file]: answer.body.changes } });
  return answer;
}
