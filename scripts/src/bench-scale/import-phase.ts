/**
 * The product's import, as a user runs it: `pnpm delight import DIR` (scripts/src/cli.ts)
 * in its own process, timed, with its peak RSS. A failing import is a result, not an
 * error: its exit, its last words and the figures up to then are recorded.
 */
import { join } from 'node:path';
import { nodeCommand, REPO_ROOT, runMeasured } from './processes';
import type { ImportMeasure } from './results';

export const CLI = join(REPO_ROOT, 'scripts/src/cli.ts');

export async function runProductImport(
  dir: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<ImportMeasure> {
  const [command, args] = nodeCommand(CLI, ['import', dir]);
  const run = await runMeasured(command, args, { env, timeoutMs });
  let imported: Record<string, number> | null = null;
  try {
    imported = (JSON.parse(run.stdout) as { imported?: Record<string, number> }).imported ?? null;
  } catch {
    imported = null;
  }
  const ok = run.code === 0 && imported !== null;
  const lastWords = run.stderr.trim().split('\n').slice(-3).join(' | ');
  const error = ok
    ? null
    : run.timedOut
      ? `stopped after the ${timeoutMs / 60_000} min timeout`
      : `exit ${run.code ?? run.signal}: ${lastWords || run.stdout.slice(0, 300)}`;
  return {
    ok,
    seconds: run.seconds,
    peakRssKb: run.peakRssKb,
    exitCode: run.code,
    error,
    imported,
  };
}

/** Env for a child on the chosen engine: the server database, or a PGlite folder. */
export function engineEnv(
  engine: 'postgres' | 'pglite',
  target: string,
  extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DELIGHT_REPORTING_CURRENCY: 'EUR', ...extra };
  delete env.DATABASE_URL;
  delete env.DELIGHT_DATA_DIR;
  if (engine === 'postgres') env.DATABASE_URL = target;
  else env.DELIGHT_DATA_DIR = target;
  return env;
}
