import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

/** Who holds the folder: the pid, so a second process can tell a live holder from a dead one. */
const OWNER = '.delight-lock';
/** proper-lockfile's lock (a directory, created atomically, its mtime kept fresh by the holder). */
const LOCK = '.delight.lock';

/**
 * Whether a process runs. A killed process whose parent died too stays a zombie where
 * nothing reaps it (pid 1 of many containers): it answers signal 0 but holds nothing.
 */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // /proc/PID/stat: "pid (comm) S …"; Z is a zombie, X dead
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\S+ \(.*\) [ZX] /s.test(stat);
  } catch {
    return true;
  }
}

function ownerPid(dir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dir, OWNER), 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export class DataDirInUse extends Error {}

/**
 * Takes the PGlite folder for this process (one process at a time: a second one would
 * corrupt it) with proper-lockfile, and answers the release. A lock left by a process
 * that died (kill -9, a crash, a power cut) does not block a restart: when the pid it
 * names is not alive, the lock is taken over at once; a lock without a readable pid is
 * taken over once proper-lockfile finds it stale (its holder stopped refreshing it).
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  mkdirSync(dir, { recursive: true });
  const options = {
    lockfilePath: join(dir, LOCK),
    realpath: false,
    stale: 10_000,
    update: 2_000,
    // a lock that could not be refreshed (a stalled disk) is reported, not fatal
    onCompromised: (err: Error) =>
      console.error(`The lock of ${dir} was compromised: ${err.message}`),
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, options);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
    const pid = ownerPid(dir);
    if (pid !== null && pid !== process.pid && isAlive(pid)) {
      throw new DataDirInUse(
        `The database folder ${dir} is in use by process ${pid} (is \`pnpm start\` running?). ` +
          'Stop it first, use the HTTP API, or set DATABASE_URL to a PostgreSQL server.',
      );
    }
    if (pid !== null) rmSync(options.lockfilePath, { recursive: true, force: true });
    release = await lockfile.lock(dir, {
      ...options,
      retries: pid === null ? { retries: 12, minTimeout: 1_000, maxTimeout: 1_000 } : 0,
    });
  }
  writeFileSync(join(dir, OWNER), String(process.pid));
  return async () => {
    rmSync(join(dir, OWNER), { force: true });
    await release();
  };
}
