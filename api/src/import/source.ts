import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { IMPORT_FILES } from './files';

/** An import file's content: in memory, or a file on disk read as a stream. */
export type FileContent = string | Uint8Array | { path: string };
export type ImportFiles = Partial<Record<string, FileContent>>;

/** A fresh byte stream of the content (an import that is retried reads it again). */
export function openContent(content: FileContent): Readable {
  if (typeof content === 'string') return Readable.from([Buffer.from(content, 'utf8')]);
  if (content instanceof Uint8Array) return Readable.from([Buffer.from(content)]);
  return createReadStream(content.path, { highWaterMark: 1 << 20 });
}

/** The whole content as text (the small JSON files). */
export async function readText(content: FileContent): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of openContent(content)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The import files that exist in a folder, by path: read as streams (others are ignored). */
export async function listImportDirectory(dir: string): Promise<ImportFiles> {
  const names = new Set(await readdir(dir));
  const files: ImportFiles = {};
  for (const name of IMPORT_FILES) {
    if (names.has(name)) files[name] = { path: join(dir, name) };
  }
  return files;
}

/** The import files of a folder read into memory (small sets: tests, examples). */
export async function readImportDirectory(dir: string): Promise<Record<string, Uint8Array>> {
  const files: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(await listImportDirectory(dir))) {
    if (content) files[name] = await readText(content);
  }
  return files;
}

/** The content's size in bytes. */
export async function contentSize(content: FileContent): Promise<number> {
  if (typeof content === 'string') return Buffer.byteLength(content);
  if (content instanceof Uint8Array) return content.byteLength;
  return (await stat(content.path)).size;
}
