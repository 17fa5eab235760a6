import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '@delight/api';
import { queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../scripts/src/database';
import { importGolden } from '../src/golden';
import { rollupVsDirect } from '../src/rollup';

/**
 * Issue 11.6 and the kill -9 case: a process importing into a PGlite folder is killed
 * while reading and while writing; the folder then opens (the dead process's lock does
 * not block it) and holds either the whole import or nothing of it.
 */
const ROWS = 60_000;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !/^\S+ \(.*\) [ZX] /s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};
const repoRoot = resolve(import.meta.dirname, '../..');

describe('kill -9 during a PGlite import', () => {
  let dir: string;
  let file: string;
  let goldenResponses: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'delight-kill-'));
    file = join(dir, 'responses.csv');
    const out = createWriteStream(file);
    out.write('external_id,customer,employee,kind,score,responded_at,comment\n');
    for (let i = 0; i < ROWS; i++) {
      out.write(
        `K${i},C${String((i % 40) + 1).padStart(4, '0')},E006,csat,${(i % 5) + 1},2026-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z,\n`,
      );
    }
    out.end();
    await once(out, 'finish');
    const database = await openDatabase(
      loadConfig({ ...process.env, DELIGHT_DATA_DIR: join(dir, 'db') }),
    );
    await importGolden(database);
    const [row] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from responses`,
    );
    goldenResponses = row!.n;
    await database.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the child and kills it -9 at the first progress line matching `when`. */
  async function killAt(when: RegExp): Promise<string[]> {
    const child = spawn('npx', ['tsx', 'test/reliability/pglite-child.ts', join(dir, 'db'), file], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      // its own process group, so one kill reaches npx, tsx and node
      detached: true,
    });
    const seen: string[] = [];
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = once(child, 'exit');
    await new Promise<void>((done) => {
      let buffer = '';
      child.stdout.on('data', (d: Buffer) => {
        buffer += d.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) {
          seen.push(line);
          if (when.test(line) && child.exitCode === null) {
            // the node process itself: npx → tsx → node; kill the whole group at once
            process.kill(-child.pid!, 'SIGKILL');
            done();
          }
          if (line === 'done') done();
        }
      });
      child.on('exit', () => done());
    });
    await exited.catch(() => {});
    expect(seen.at(-1) === 'done', `${seen.slice(-3).join(' | ')} ${stderr.slice(-500)}`).toBe(
      false,
    );
    return seen;
  }

  it.each([
    ['while reading the file', /^reading [1-9]\d{4}/],
    ['while writing the rows', /^writing/],
  ])('%s: the folder opens again and holds all or nothing', async (_what, when) => {
    const seen = await killAt(when);
    expect(seen).toContain('open');
    // the dead process's lock is still there, naming it
    expect(existsSync(join(dir, 'db', '.delight-lock'))).toBe(true);
    const pid = Number(readFileSync(join(dir, 'db', '.delight-lock'), 'utf8'));
    expect(pid).not.toBe(process.pid);
    // SIGKILL lands asynchronously: wait until the process is gone (or a zombie)
    for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
    const database = await openDatabase(
      loadConfig({ ...process.env, DELIGHT_DATA_DIR: join(dir, 'db') }),
    );
    try {
      const [row] = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from responses`,
      );
      expect([goldenResponses, goldenResponses + ROWS]).toContain(row!.n);
      const { direct, stored } = await rollupVsDirect(database);
      expect(stored).toEqual(direct);
    } finally {
      await database.close();
    }
  });

  it('a second process is refused while the first holds the folder', async () => {
    const database = await openDatabase(
      loadConfig({ ...process.env, DELIGHT_DATA_DIR: join(dir, 'db') }),
    );
    try {
      const child = spawn(
        'npx',
        ['tsx', 'test/reliability/pglite-child.ts', join(dir, 'db'), file],
        {
          cwd: repoRoot,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      const [code] = (await once(child, 'exit')) as [number];
      expect(code).not.toBe(0);
      expect(stderr).toMatch(new RegExp(`in use by process ${process.pid}`));
    } finally {
      await database.close();
    }
  });
});
