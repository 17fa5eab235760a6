import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/pg-cluster';
import { spawnLogged } from '../src/processes';

/**
 * Issue 10 point 18: `pnpm start` stops cleanly (server closed, database closed, and
 * says so) on SIGTERM or SIGINT, whichever process of the chain gets it: pnpm itself
 * (which exits without passing the signal on) or the server process. Also: a bad
 * setting stops the start at once with a clear message (issue 15 point 7).
 */
const start = spawnLogged;

async function until(check: () => Promise<boolean> | boolean, what: string, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** the server's port, a free one chosen before the tests */
let port = 0;

const answers = async () => {
  try {
    return (await fetch(`http://127.0.0.1:${port}/api/health`)).ok;
  } catch {
    return false;
  }
};

/** The server's own pid, from its JSON log lines. */
const serverPid = (output: string) => Number(/"pid":(\d+)/.exec(output)?.[1]);

describe('stopping pnpm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'delight-shutdown-'));
  const env: Record<string, string> = {
    DELIGHT_DATA_DIR: dataDir,
    DELIGHT_DEMO: '0',
    DELIGHT_BUILD_WEB: '0',
  };
  const spawned: ChildProcess[] = [];
  beforeAll(async () => {
    port = await freePort();
    env.PORT = String(port);
  });
  afterAll(() => {
    for (const c of spawned) if (c.exitCode === null) c.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    ['SIGTERM', 'to pnpm', 'parent process \\d+ exited'],
    ['SIGINT', 'to the server process', 'SIGINT received'],
  ] as const)(
    '%s %s: the server closes, the database closes, and it says so',
    async (signal, to, reason) => {
      const run = start('pnpm', ['start'], env);
      spawned.push(run.child);
      await until(answers, 'the server to answer');
      const pid = serverPid(run.output());
      expect(pid).toBeGreaterThan(0);
      expect(pid).not.toBe(run.child.pid);

      if (to === 'to pnpm') run.child.kill(signal);
      else process.kill(pid, signal);

      await until(async () => !(await answers()), 'the port to close', 15_000);
      await until(
        () => {
          try {
            process.kill(pid, 0);
            return false;
          } catch {
            return true;
          }
        },
        'the server process to end',
        15_000,
      );
      await run.exited;
      const out = run.output();
      expect(out).toMatch(new RegExp(`"msg":"${reason}: shutting down"`));
      expect(out).toContain('"msg":"server closed: done"');
      expect(out).toContain('"msg":"database closed: done"');
      expect(out).toContain('"msg":"stopped cleanly"');
      // the PGlite folder was closed properly: the command line opens it at once
      const cli = spawnLogged('pnpm', ['-s', 'delight', 'migrate'], { DELIGHT_DATA_DIR: dataDir });
      expect(await cli.exited, cli.output()).toBe(0);
      expect(cli.output()).toContain('(up to date)');
    },
  );

  it('a bad setting stops the start with a message naming it', async () => {
    const run = start('node', ['--import', 'tsx', 'scripts/src/start.ts'], {
      ...env,
      DELIGHT_SESSION_TTL_HOURS: 'twelve',
      DELIGHT_DB_POOL_SIZE: '0',
    });
    spawned.push(run.child);
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(
      'Configuration error:\n  - DELIGHT_SESSION_TTL_HOURS must be a number of hours above 0 (at most a year), got "twelve"\n  - DELIGHT_DB_POOL_SIZE must be a whole number from 1 to 1000, got "0"',
    );
    expect(run.output()).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
