import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

/** A throwaway PostgreSQL 15 cluster on its own port, for fault-injection tests. */
export interface Cluster {
  url: string;
  start(): void;
  stop(): void;
  /** `pg_ctl restart -m fast`: every connection is dropped */
  restart(): void;
  remove(): void;
}

/**
 * initdb into a temp folder and start on `port` (127.0.0.1, trust). Never the shared
 * server on 5432. As root, the server runs as the postgres user (it refuses root).
 */
export function startCluster(port: number): Cluster {
  if (port === 5432) throw new Error('never the shared server');
  if (!existsSync(`${BIN}/initdb`)) {
    throw new Error(`PostgreSQL 15 binaries are missing (${BIN}); install postgresql-15`);
  }
  const root = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), `delight-pg-${port}-`));
  const data = join(dir, 'data');
  if (root) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const run = (cmd: string, args: string[]) => {
    const r = root
      ? spawnSync('runuser', ['-u', 'postgres', '--', `${BIN}/${cmd}`, ...args], {
          encoding: 'utf8',
        })
      : spawnSync(`${BIN}/${cmd}`, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const ctl = (what: string, ...extra: string[]) =>
    run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', ...extra, what]);
  ctl('start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () => ctl('start'),
    stop: () => ctl('stop', '-m', 'fast'),
    restart: () => ctl('restart', '-m', 'fast'),
    remove: () => {
      try {
        ctl('stop', '-m', 'immediate');
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
