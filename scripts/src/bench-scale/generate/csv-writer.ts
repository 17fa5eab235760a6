import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';

/** One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line end. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const CHUNK_BYTES = 1 << 16;

/**
 * Streams CSV rows to a file in 64 KiB chunks and waits for the disk when the stream's
 * buffer is full, so a file of many gigabytes never sits in memory.
 */
export class CsvWriter {
  private readonly stream: WriteStream;
  private chunk = '';
  rows = 0;

  constructor(path: string, header: readonly string[]) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.chunk = `${header.join(',')}\n`;
  }

  /** Adds one row; resolves at once unless the chunk had to wait for the disk. */
  async row(cells: readonly (string | number | null)[]): Promise<void> {
    this.chunk += `${cells.map(csvCell).join(',')}\n`;
    this.rows++;
    if (this.chunk.length >= CHUNK_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    const text = this.chunk;
    this.chunk = '';
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<number> {
    if (this.chunk) await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
    return this.rows;
  }
}
