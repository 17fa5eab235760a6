import type { ImportProgress } from '@delight/api/import';
import { ImportRejected, importDirectory, RetryLater } from '@delight/api/import';
import type { Database } from '@delight/db';
import cliProgress from 'cli-progress';
import { reportError } from '../exit-codes';

const USAGE = 'usage: pnpm delight import [--dry-run] DIR';

/**
 * `pnpm delight import DIR`: loads a folder of import files with a progress bar (bytes
 * read per file, then the checks and the writes). A refused import prints the same
 * problem list as the API's 422, never SQL.
 */
export async function importCommand(
  args: string[],
  database: Database,
  reportingCurrency: string,
): Promise<number> {
  const dryRun = args.includes('--dry-run');
  const rest = args.filter((a) => a !== '--dry-run');
  const dir = rest[0];
  if (!dir || rest.length > 1 || dir.startsWith('--')) {
    console.error(USAGE);
    return 2;
  }
  const bar = new cliProgress.SingleBar(
    {
      format: ' {file} {phase} |{bar}| {percentage}% {rows} rows',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let current = '';
  const onProgress = (p: ImportProgress) => {
    if (!process.stderr.isTTY) return;
    const key = `${p.file}:${p.phase}`;
    if (key !== current) {
      if (current) bar.stop();
      current = key;
      bar.start(Math.max(p.totalBytes, 1), 0, {
        file: p.file.padEnd(20),
        phase: p.phase.padEnd(8),
        rows: 0,
      });
    }
    bar.update(p.bytes, { rows: p.rows });
  };
  try {
    const result = await importDirectory(database.db, dir, {
      actor: 'cli',
      reportingCurrency,
      onProgress,
      dryRun,
    });
    if (current) bar.stop();
    if (Object.keys(result.imported).length === 0) {
      console.error(`No import files in ${dir}`);
      return 1;
    }
    console.log(JSON.stringify(result, null, 2));
    if (dryRun) console.error('Dry run: nothing was written.');
    return 0;
  } catch (err) {
    if (current) bar.stop();
    if (err instanceof ImportRejected) {
      console.log(
        JSON.stringify(
          { errors: err.errors.slice(0, 1000), total_errors: err.totalErrors },
          null,
          2,
        ),
      );
      console.error(`${err.message}`);
      for (const e of err.errors.slice(0, 50)) {
        console.error(
          `  ${e.file}${e.line === null ? '' : `:${e.line}`}${e.column ? ` [${e.column}]` : ''}: ${e.message}`,
        );
      }
      return 1;
    }
    if (err instanceof RetryLater) return reportError(err);
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error(`No such folder: ${dir}`);
      return 1;
    }
    throw err;
  }
}
