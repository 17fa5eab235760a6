import type { Config } from '@delight/api';
import { createDb, type Database } from '@delight/db';
import { lockDataDir } from './data-dir-lock';

/**
 * Opens the configured database (PGlite folder or DATABASE_URL), migrated.
 *
 * An embedded PGlite folder can only be open in one process at a time, so the
 * folder is locked (data-dir-lock.ts); a second process (a CLI run while the server
 * is up) is refused with a clear message instead of corrupting the data, and the lock
 * of a process that died does not block a restart.
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
  const release = await lockDataDir(config.dataDir);
  let database: Database;
  try {
    database = await createDb({ dataDir: config.dataDir });
  } catch (err) {
    await release();
    throw err;
  }
  const close = database.close.bind(database);
  // not a spread: `read` is a getter
  database.close = async () => {
    await close();
    await release();
  };
  return database;
}
