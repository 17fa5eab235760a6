/** What a `--keep` run leaves for a later `--only endpoints` run of the same scale and engine. */
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Engine } from './args';

export interface KeptState {
  database: string;
  pgliteDir: string | null;
  incrementApplied: boolean;
}

const path = (dir: string, scale: string, engine: Engine) =>
  join(dir, `kept-${scale}-${engine}.json`);

export async function loadKept(
  dir: string,
  scale: string,
  engine: Engine,
): Promise<KeptState | null> {
  const p = path(dir, scale, engine);
  return existsSync(p) ? (JSON.parse(await readFile(p, 'utf8')) as KeptState) : null;
}

export async function saveKept(dir: string, scale: string, engine: Engine, state: KeptState) {
  await writeFile(path(dir, scale, engine), `${JSON.stringify(state, null, 2)}\n`);
}

export async function forgetKept(dir: string, scale: string, engine: Engine) {
  await rm(path(dir, scale, engine), { force: true });
}
