import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '@delight/api';
import { createDb, type Database } from '@delight/db';

/**
 * Opens the configured database (PGlite folder or DATABASE_URL), migrated.
 *
 * An embedded PGlite folder can only be open in one process at a time, so the
 * folder gets a lock file with our pid; a second process (a CLI run while the server
 * is up) is refused with a clear message instead of corrupting the data.
 */
export async function openDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl) {
    return createDb({
      url: config.databaseUrl,
      readUrl: config.databaseReadUrl,
      migrate: config.migrate,
      pool: config.database,
    });
  }
  const lock = join(config.dataDir, '.delight-lock');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The database folder ${config.dataDir} is in use by process ${pid} (is \`pnpm start\` running?). ` +
          'Stop it first, use the HTTP API, or set DATABASE_URL to a PostgreSQL server.',
      );
    }
  }
  const database = await createDb({ dataDir: config.dataDir });
  writeFileSync(lock, String(process.pid));
  const close = database.close.bind(database);
  // not a spread: `read` is a getter
  database.close = async () => {
    await close();
    rmSync(lock, { force: true });
  };
  return database;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
