import { resolve } from 'node:path';
import type { Database } from '@delight/db';
import { backupDatabase, restoreDatabase } from '../backup';

const summary = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${n} ${t}`)
    .join(', ');

/** `pnpm delight backup FILE`: a logical backup of the whole database (PGlite or a server). */
export async function backupCommand(args: string[], database: Database): Promise<number> {
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    process.stderr.write(
      'usage: pnpm delight backup FILE   (gzip; restore it with pnpm delight restore FILE)\n',
    );
    return 2;
  }
  const file = resolve(args[0]!);
  const counts = await backupDatabase(database.db, file);
  process.stderr.write(`Backed up to ${file}: ${summary(counts) || 'an empty database'}\n`);
  return 0;
}

/** `pnpm delight restore FILE`: into an empty database, all or nothing. */
export async function restoreCommand(args: string[], database: Database): Promise<number> {
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    process.stderr.write('usage: pnpm delight restore FILE   (into an empty database)\n');
    return 2;
  }
  const file = resolve(args[0]!);
  try {
    const counts = await restoreDatabase(database.db, file);
    process.stderr.write(`Restored ${file}: ${summary(counts) || 'an empty database'}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 1;
  }
}
