// A separate process for pglite-kill.test.ts: opens a PGlite folder like `pnpm start`
// does (with its lock) and imports one responses file, printing its progress, so the
// test can kill -9 it at a chosen moment.
import { loadConfig } from '@delight/api';
import { importFiles } from '@delight/api/import';
import { openDatabase } from '../../scripts/src/database';

const [dir, file] = process.argv.slice(2) as [string, string];
const database = await openDatabase(loadConfig({ ...process.env, DELIGHT_DATA_DIR: dir }));
process.stdout.write('open\n');
await importFiles(
  database.db,
  { 'responses.csv': { path: file } },
  { actor: 'test', onProgress: (p) => process.stdout.write(`${p.phase} ${p.rows}\n`) },
);
process.stdout.write('done\n');
await database.close();
