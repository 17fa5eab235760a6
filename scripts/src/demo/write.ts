/**
 * Writes the demo import files to a folder, for `pnpm delight import DIR`.
 * CLI: `tsx scripts/src/demo/write.ts OUTDIR [--seed N] [--as-of YYYY-MM-DD]`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Demo, type DemoOptions, generateDemo } from './generate';

export async function writeDemo(dir: string, options: DemoOptions = {}): Promise<Demo> {
  const demo = generateDemo(options);
  await mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(demo.files)) {
    await writeFile(join(dir, name), content, 'utf8');
  }
  return demo;
}

function parseArgs(argv: string[]): { dir: string; options: DemoOptions } {
  let dir: string | undefined;
  const options: DemoOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--seed') options.seed = Number(argv[++i]);
    else if (arg === '--as-of') options.asOf = argv[++i];
    else if (!arg.startsWith('--') && dir === undefined) dir = arg;
    else throw new Error(`unknown argument: ${arg}`);
  }
  if (dir === undefined) {
    throw new Error('usage: tsx scripts/src/demo/write.ts OUTDIR [--seed N] [--as-of YYYY-MM-DD]');
  }
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) {
    throw new Error('--seed must be an integer');
  }
  return { dir: resolve(dir), options };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { dir, options } = parseArgs(process.argv.slice(2));
    const demo = await writeDemo(dir, options);
    for (const [name, content] of Object.entries(demo.files)) {
      const kb = (Buffer.byteLength(content) / 1024).toFixed(1);
      console.log(`${name.padEnd(22)} ${kb.padStart(7)} KB`);
    }
    console.log(`\nwritten to ${dir}; demo sign-ins:`);
    for (const u of demo.users) console.log(`  ${u.role.padEnd(16)} ${u.email}  ${u.password}`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
}
