import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throw-away PostgreSQL 15 cluster of a test's own, on a free port of its own, for
 * the cases that stop, restart or replicate a server (never the shared server on
 * 5432). initdb refuses to run as root, so as root the tools run as the `postgres` user.
 *
 * start/stop/restart are synchronous on purpose: a fault fired from inside a running
 * import stops the event loop until the server is really down, so the fault always
 * lands in the middle of the work whatever the machine's speed.
 */
const BIN = process.env.DELIGHT_PG_BIN || '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;

function pg(tool: string, args: string[]): string {
  if (!existsSync(join(BIN, tool))) {
    throw new Error(
      `These tests start PostgreSQL clusters of their own and need the PostgreSQL 15 server tools in ${BIN} (Debian: apt-get install postgresql-15; elsewhere set DELIGHT_PG_BIN). ${tool} is missing.`,
    );
  }
  const [file, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', join(BIN, tool), ...args]]
    : [join(BIN, tool), args];
  const r = spawnSync(file, argv, { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${tool} failed: ${r.stderr || r.stdout || r.error}`);
  return r.stdout;
}

export interface Cluster {
  port: number;
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  urlFor(database: string): string;
  start(): void;
  /** `fast` ends sessions at once (like a service stop); `immediate` is a crash */
  stop(mode?: 'fast' | 'immediate'): void;
  /** `pg_ctl restart -m fast`: every connection is dropped */
  restart(): void;
  /** a streaming replica of this cluster (pg_basebackup), started on a free port */
  replica(): Promise<Cluster>;
  /** stops the server (if running) and deletes its folder */
  remove(): void;
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'delight-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  return dir;
}

function handle(dir: string, port: number): Cluster {
  const data = join(dir, 'data');
  const url = (db: string) => `postgres://postgres@127.0.0.1:${port}/${db}`;
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const ctl = (what: string, ...extra: string[]) =>
    pg('pg_ctl', [
      '-D',
      data,
      '-w',
      '-t',
      '60',
      '-o',
      options,
      '-l',
      join(dir, 'log'),
      ...extra,
      what,
    ]);
  let running = false;
  const cluster: Cluster = {
    port,
    url: url('postgres'),
    urlFor: url,
    start() {
      ctl('start');
      running = true;
    },
    stop(mode = 'fast') {
      ctl('stop', '-m', mode);
      running = false;
    },
    restart() {
      ctl('restart', '-m', 'fast');
      running = true;
    },
    async replica() {
      const rdir = folder();
      pg('pg_basebackup', [
        ...['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'],
        ...['-D', join(rdir, 'data'), '-R', '-X', 'stream'],
      ]);
      const r = handle(rdir, await freePort());
      r.start();
      return r;
    },
    remove() {
      if (running) {
        try {
          cluster.stop('immediate');
        } catch {
          // already down
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}

/** initdb (trust, user postgres) into a temp folder and start it on a free port. */
export async function createCluster(): Promise<Cluster> {
  const dir = folder();
  pg('initdb', [
    '-D',
    join(dir, 'data'),
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  const cluster = handle(dir, await freePort());
  cluster.start();
  return cluster;
}
