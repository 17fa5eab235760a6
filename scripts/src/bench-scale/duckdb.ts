/**
 * DuckDB beside the product: the same CSV files loaded into DuckDB tables (timed, as
 * "DuckDB load"), then the same raw-scan questions as on PostgreSQL. An on-disk
 * database in a temp folder, two threads (the machine's cores), so the large scale can
 * spill instead of holding everything in memory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { CSV_FILES, columnTypes, tableOf } from './columns';
import type { Row, SqlEngine } from './engines';

export interface DuckDb {
  engine: SqlEngine;
  loadSeconds: number;
}

export async function loadDuckDb(csvDir: string): Promise<DuckDb> {
  const folder = await mkdtemp(join(tmpdir(), 'bench-duckdb-'));
  const instance = await DuckDBInstance.create(join(folder, 'bench.duckdb'), {
    threads: '2',
    memory_limit: '4GB',
    temp_directory: join(folder, 'spill'),
  });
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  const started = performance.now();
  for (const file of CSV_FILES) {
    const columns = columnTypes(file, 'duckdb')
      .map(([name, type]) => `'${name}': '${type}'`)
      .join(', ');
    const path = join(csvDir, file).replaceAll("'", "''");
    await connection.run(
      `create table ${tableOf(file)} as select * from read_csv('${path}', header = true, auto_detect = false, columns = {${columns}})`,
    );
  }
  const loadSeconds = (performance.now() - started) / 1000;
  const engine: SqlEngine = {
    name: 'duckdb',
    query: async (text) => (await connection.runAndReadAll(text)).getRowObjectsJson() as Row[],
    close: async () => {
      connection.closeSync();
      instance.closeSync();
      await rm(folder, { recursive: true, force: true });
    },
  };
  return { engine, loadSeconds };
}
