import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type postgres from 'postgres';
import type { Executor } from './client';

export type CopyValue = string | number | boolean | null;

/**
 * Streams rows into a table with `COPY … FROM` (text format) and answers how many were
 * written. Rows may come from an async source (a file being parsed), so memory stays
 * flat whatever the size.
 */
export type CopyRows = (
  table: string,
  columns: string[],
  rows: AsyncIterable<CopyValue[]> | Iterable<CopyValue[]>,
  onRows?: (written: number) => void,
) => Promise<number>;

/** Rows per COPY on PGlite (one blob each) and per progress report on a server. */
const BATCH = 5000;

interface PgliteLike {
  query(query: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
}

function driverClient(executor: Executor): unknown {
  const session: unknown = Reflect.get(executor, 'session');
  return typeof session === 'object' && session !== null ? Reflect.get(session, 'client') : null;
}

const isPostgresJs = (client: unknown): client is postgres.Sql =>
  typeof client === 'function' && typeof Reflect.get(client, 'unsafe') === 'function';

const isPglite = (client: unknown): client is PgliteLike =>
  typeof client === 'object' &&
  client !== null &&
  typeof Reflect.get(client, 'query') === 'function' &&
  typeof Reflect.get(client, 'exec') === 'function';

/**
 * Whether the executor runs on PGlite, whose statements run on this process's main
 * thread (long ones are split so the event loop gets turns between them).
 */
export const runsInProcess = (executor: Executor): boolean => isPglite(driverClient(executor));

/**
 * COPY for a drizzle database or transaction of either driver (drizzle keeps the
 * driver's client in `session.client`):
 * - postgres.js: one `COPY … FROM STDIN` stream with backpressure;
 * - PGlite: `COPY … FROM '/dev/blob'` per batch of rows, giving the event loop a turn
 *   between batches so the server keeps answering during a long load.
 */
export function copyRowsFor(executor: Executor): CopyRows {
  const client = driverClient(executor);
  if (isPostgresJs(client)) return copyPostgres(client);
  if (isPglite(client)) return copyPglite(client);
  throw new Error('copyRowsFor: neither a postgres.js nor a PGlite database');
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const copyStatement = (table: string, columns: string[], from: string) =>
  `copy ${ident(table)} (${columns.map(ident).join(', ')}) from ${from}`;

async function* textChunks(
  rows: AsyncIterable<CopyValue[]> | Iterable<CopyValue[]>,
  onChunk: (written: number) => void,
): AsyncGenerator<string> {
  let chunk = '';
  let written = 0;
  let inChunk = 0;
  for await (const row of rows) {
    chunk += `${row.map(copyText).join('\t')}\n`;
    written++;
    if (++inChunk === BATCH) {
      onChunk(written);
      yield chunk;
      chunk = '';
      inChunk = 0;
    }
  }
  onChunk(written);
  if (chunk) yield chunk;
}

function copyPostgres(client: postgres.Sql): CopyRows {
  return async (table, columns, rows, onRows) => {
    let written = 0;
    const stream = await client.unsafe(copyStatement(table, columns, 'stdin')).writable();
    // A dropped connection fails the pipeline with CONNECTION_CLOSED (the driver is
    // patched so that it never throws from a closed socket: patches/postgres@*.patch).
    await pipeline(
      Readable.from(
        textChunks(rows, (n) => {
          written = n;
          onRows?.(n);
        }),
      ),
      stream,
    );
    return written;
  };
}

function copyPglite(client: PgliteLike): CopyRows {
  return async (table, columns, rows, onRows) => {
    let written = 0;
    const statement = copyStatement(table, columns, `'/dev/blob'`);
    for await (const chunk of textChunks(rows, (n) => {
      written = n;
    })) {
      await client.query(statement, [], { blob: new Blob([chunk]) });
      onRows?.(written);
      await new Promise((r) => setImmediate(r));
    }
    return written;
  };
}

/** One value in COPY's text format: \N for null, backslash escapes for the separators. */
export function copyText(value: CopyValue): string {
  if (value === null) return '\\N';
  return String(value).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}
