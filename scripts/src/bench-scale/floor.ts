/**
 * The floor of the import: `psql \copy` of the very same CSV files into plain tables
 * (typed columns, no keys, no constraints, no indexes) in schema `floor` of the
 * benchmark's database. Nothing a product import does can be cheaper than this, so
 * import time / floor time says how much the import adds. The tables then serve the
 * raw-scan SQL baseline (after an ANALYZE, untimed, so the raw plans are fair).
 */
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSV_FILES, type CsvFile, columnsOf, columnTypes, tableOf } from './columns';
import { connect } from './pg';
import { runMeasured } from './processes';

export interface FloorResult {
  ok: boolean;
  seconds: number;
  /** per file, from psql's \timing */
  fileMs: Partial<Record<CsvFile, number>>;
  rows: Partial<Record<CsvFile, number>>;
  analyzeSeconds: number;
  error?: string;
}

export async function createFloorTables(url: string): Promise<void> {
  const sql = connect(url);
  try {
    await sql.unsafe('drop schema if exists floor cascade; create schema floor');
    for (const file of CSV_FILES) {
      const cols = columnTypes(file, 'postgres').map(([name, type]) => `${name} ${type}`);
      await sql.unsafe(`create table floor.${tableOf(file)} (${cols.join(', ')})`);
    }
  } finally {
    await sql.end();
  }
}

export async function copyFloor(url: string, dir: string): Promise<FloorResult> {
  await createFloorTables(url);
  const script = join(tmpdir(), `bench-floor-${process.pid}.sql`);
  const lines = ['\\timing on'];
  for (const file of CSV_FILES) {
    const cols = columnsOf(file).join(', ');
    lines.push(
      `\\copy floor.${tableOf(file)} (${cols}) from '${join(dir, file)}' with (format csv, header true)`,
    );
  }
  await writeFile(script, `${lines.join('\n')}\n`);
  const run = await runMeasured('psql', [url, '-X', '-v', 'ON_ERROR_STOP=1', '-f', script]);
  await rm(script, { force: true });
  const times = [...run.stdout.matchAll(/^Time: ([\d.]+) ms/gm)].map((m) => Number(m[1]));
  const counts = [...run.stdout.matchAll(/^COPY (\d+)/gm)].map((m) => Number(m[1]));
  const fileMs: FloorResult['fileMs'] = {};
  const rows: FloorResult['rows'] = {};
  CSV_FILES.forEach((file, i) => {
    if (times[i] !== undefined) fileMs[file] = times[i];
    if (counts[i] !== undefined) rows[file] = counts[i];
  });
  if (run.code !== 0) {
    return { ok: false, seconds: run.seconds, fileMs, rows, analyzeSeconds: 0, error: run.stderr };
  }
  const started = performance.now();
  const sql = connect(url);
  try {
    await sql.unsafe(`analyze ${CSV_FILES.map((f) => `floor.${tableOf(f)}`).join(', ')}`);
  } finally {
    await sql.end();
  }
  const analyzeSeconds = (performance.now() - started) / 1000;
  return { ok: true, seconds: run.seconds, fileMs, rows, analyzeSeconds };
}
