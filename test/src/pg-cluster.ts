import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A throw-away PostgreSQL 15 cluster of a test's own, on its own port, for the cases
 * that stop, restart or replicate a server (never the shared server on 5432). initdb
 * refuses to run as root, so as root the tools run as the `postgres` user.
 */
const BIN = process.env.DELIGHT_PG_BIN || '/usr/lib/postgresql/15/bin';
const run = promisify(execFile);

const asRoot = process.getuid?.() === 0;

async function pg(tool: string, args: string[]): Promise<string> {
  const [file, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', join(BIN, tool), ...args]]
    : [join(BIN, tool), args];
  const { stdout } = await run(file, argv, { timeout: 120_000 });
  return stdout;
}

/** Whether the PostgreSQL tools are here (the reliability cases need them). */
export const clusterToolsPresent = () => existsSync(join(BIN, 'initdb'));

export interface Cluster {
  port: number;
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  urlFor(database: string): string;
  start(): Promise<void>;
  /** `fast` ends sessions at once (like a service stop); `immediate` is a crash */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** a streaming replica of this cluster (pg_basebackup), started on its port */
  replica(port: number): Promise<Cluster>;
  /** stops the server (if running) and deletes its folder */
  remove(): Promise<void>;
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
  let running = false;
  const cluster: Cluster = {
    port,
    url: url('postgres'),
    urlFor: url,
    async start() {
      await pg('pg_ctl', [
        '-D',
        data,
        '-w',
        '-t',
        '60',
        '-l',
        join(dir, 'log'),
        '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`,
        'start',
      ]);
      running = true;
    },
    async stop(mode = 'fast') {
      await pg('pg_ctl', ['-D', data, '-w', '-t', '60', '-m', mode, 'stop']);
      running = false;
    },
    async replica(replicaPort: number) {
      const rdir = folder();
      await pg('pg_basebackup', [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'postgres',
        '-D',
        join(rdir, 'data'),
        '-R',
        '-X',
        'stream',
      ]);
      const r = handle(rdir, replicaPort);
      await r.start();
      return r;
    },
    async remove() {
      if (running) await cluster.stop('immediate').catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}

/** initdb (trust, user postgres) into a temp folder and start it on the port. */
export async function createCluster(port: number): Promise<Cluster> {
  const dir = folder();
  await pg('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '-E', 'UTF8']);
  const cluster = handle(dir, port);
  await cluster.start();
  return cluster;
}
