import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const webDir = join(repoRoot, 'web');
/** The built dashboard that the server serves. */
export const WEB_DIST = join(webDir, 'dist');

/** Newest modification time under a path. */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

/**
 * Builds the dashboard when web/dist is missing or older than any of its sources
 * (used by `pnpm start`, the browser tests and the web benchmark).
 */
export function buildWebIfNeeded(options: { quiet?: boolean } = {}): void {
  const index = join(WEB_DIST, 'index.html');
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json']
    .map((p) => join(webDir, p))
    .filter(existsSync);
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newest))) return;
  if (!options.quiet) console.log('Building the dashboard (web/dist)…');
  const build = spawnSync('pnpm', ['--filter', '@delight/web', 'build'], {
    cwd: repoRoot,
    stdio: options.quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    throw new Error(
      `The dashboard build failed${options.quiet ? `:\n${build.stdout}${build.stderr}` : ' (see above)'}`,
    );
  }
}
