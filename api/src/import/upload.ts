import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { badRequest, DomainError, payloadTooLarge } from '../lib/errors';
import { IMPORT_FILES } from './files';
import type { ImportFiles } from './source';

/** Uploads bigger than this are refused while they stream in (413). */
export const IMPORT_MAX_BYTES = 4 * 1024 ** 3;

const known = new Set<string>(IMPORT_FILES);

export interface Upload {
  files: ImportFiles;
  /** removes the temporary files */
  cleanup(): Promise<void>;
}

const tooLarge = () =>
  payloadTooLarge(
    `An import upload may be at most ${IMPORT_MAX_BYTES / 1024 ** 3} GiB; load bigger sets with pnpm delight import`,
  );

/**
 * Streams a multipart upload into temporary files, one per import file (named like
 * the file: the part's own file name decides, its field name is the fallback), so an
 * upload of any size is never held in memory. Unknown parts are skipped.
 */
export async function receiveUpload(
  body: WebReadableStream<Uint8Array> | null,
  headers: Record<string, string>,
  maxBytes = IMPORT_MAX_BYTES,
): Promise<Upload> {
  if (!headers['content-type']?.startsWith('multipart/form-data')) {
    throw badRequest(
      'Send the files as multipart/form-data, one part per file named like employees.csv',
    );
  }
  if (!body) throw badRequest('The upload is empty');
  const dir = await mkdtemp(join(tmpdir(), 'delight-upload-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const files: ImportFiles = {};
  try {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers, limits: { fileSize: maxBytes } });
    } catch (err) {
      throw badRequest(`Not a valid multipart upload: ${(err as Error).message}`);
    }
    const writes: Promise<void>[] = [];
    let total = 0;
    let failure: Error | null = null;
    parser.on('file', (field, stream, info) => {
      const name = info.filename && known.has(info.filename) ? info.filename : field;
      if (!known.has(name)) {
        stream.resume();
        return;
      }
      const path = join(dir, name);
      files[name] = { path };
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > maxBytes && !failure) {
          failure = tooLarge();
          parser.destroy(failure);
        }
      });
      stream.on('limit', () => {
        failure ??= tooLarge();
        parser.destroy(failure);
      });
      writes.push(pipeline(stream, createWriteStream(path)));
    });
    try {
      await pipeline(Readable.fromWeb(body), parser);
      await Promise.all(writes);
    } catch (err) {
      if (failure) throw failure;
      if (err instanceof DomainError) throw err;
      throw badRequest(`The upload could not be read: ${(err as Error).message}`);
    }
    if (failure) throw failure;
    if (Object.keys(files).length === 0) {
      throw badRequest(`No import file in the upload; expected any of ${IMPORT_FILES.join(', ')}`);
    }
    return { files, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
