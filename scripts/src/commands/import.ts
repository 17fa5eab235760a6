import type { ImportProgress } from '@delight/api/import';
import { ImportRejected, importDirectory } from '@delight/api/import';
import type { Database } from '@delight/db';
import cliProgress from 'cli-progress';

/** `pnpm delight import DIR`: loads a folder of import files with a progress bar. */
export async function importCommand(
  args: string[],
  database: Database,
  reportingCurrency: string,
): Promise<number> {
  const dir = args[0];
  if (!dir || args.length > 1) {
    console.error('usage: pnpm delight import DIR');
    return 2;
  }
  const bar = new cliProgress.SingleBar(
    { format: ' {file} |{bar}| {value}/{total} rows', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let current = '';
  const onProgress = (p: ImportProgress) => {
    if (!process.stderr.isTTY) return;
    if (p.file !== current) {
      if (current) bar.stop();
      current = p.file;
      bar.start(p.total, 0, { file: p.file.padEnd(20) });
    }
    bar.update(p.done);
  };
  try {
    const result = await importDirectory(database.db, dir, {
      actor: 'cli',
      reportingCurrency,
      onProgress,
    });
    if (current) bar.stop();
    if (Object.keys(result.imported).length === 0) {
      console.error(`No import files in ${dir}`);
      return 1;
    }
    console.log(JSON.stringify(result, null, 2));
    return 0;
  } catch (err) {
    if (current) bar.stop();
    if (err instanceof ImportRejected) {
      console.log(JSON.stringify({ errors: err.errors, total_errors: err.errors.length }, null, 2));
      console.error(`${err.message}`);
      for (const e of err.errors.slice(0, 50)) {
        console.error(
          `  ${e.file}${e.line === null ? '' : `:${e.line}`}${e.column ? ` [${e.column}]` : ''}: ${e.message}`,
        );
      }
      return 1;
    }
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error(`No such folder: ${dir}`);
      return 1;
    }
    throw err;
  }
}
