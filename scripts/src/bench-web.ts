import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createDb } from '@delight/db';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { loadDemo } from './seed';
import { startServer } from './server';
import { buildWebIfNeeded, WEB_DIST } from './web-build';

const webDist = WEB_DIST;
const BUDGET_KB = 350;
const BUDGET_MS = 1500;

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const check = args.includes('--check');

const gzKb = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;
const kb = (n: number) => `${n.toFixed(1)} KB`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function main() {
  buildWebIfNeeded();

  // 1. What index.html makes the browser fetch before anything renders.
  const html = readFileSync(join(webDist, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const entryKb = entry.reduce((s, f) => s + gzKb(join(webDist, f)), 0);

  // 2. The real server on the demo company, and Chromium loading the overview.
  const database = await createDb();
  const demo = await loadDemo(database);
  const exec = demo.users.find((u) => u.role === 'executive') ?? demo.users[0]!;
  const server = await startServer({ database, port: 0, webDist });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });

  const interactive: number[] = [];
  const figures: number[] = [];
  let pageJs = new Set<string>();
  try {
    for (let i = 0; i < runs + 1; i++) {
      // a cold context each run: no HTTP cache, a fresh sign-in
      const context = await browser.newContext({ baseURL: server.url, locale: 'en-US' });
      const login = await context.request.post('/api/auth/login', {
        data: { email: exec.email, password: exec.password },
      });
      if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
      const page = await context.newPage();
      const js = new Set<string>();
      page.on('response', (res) => {
        const path = new URL(res.url()).pathname;
        if (path.startsWith('/assets/') && path.endsWith('.js')) js.add(path);
      });
      const t0 = performance.now();
      await page.goto('/overview');
      // interactive: the app has rendered its header with working navigation
      await page.getByRole('navigation', { name: 'Pages' }).waitFor();
      const tInteractive = performance.now() - t0;
      await page.getByTestId('kpi-nps-value').waitFor();
      await page.getByTestId('money-revenue_at_risk-value').waitFor();
      const tFigures = performance.now() - t0;
      // the first run warms the server's and the OS's caches; it is not counted
      if (i > 0) {
        interactive.push(tInteractive);
        figures.push(tFigures);
      }
      pageJs = js;
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
    await database.close();
  }

  const firstPageKb = [...pageJs].reduce((s, f) => s + gzKb(join(webDist, f)), 0);
  const allKb = readdirSync(join(webDist, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .reduce((s, f) => s + gzKb(join(webDist, 'assets', f)), 0);

  const lines = [
    `JS of index.html (entry + preloads), gzip: ${kb(entryKb)}`,
    `JS loaded by the overview (first page), gzip: ${kb(firstPageKb)} in ${pageJs.size} files (budget ${BUDGET_KB} KB)`,
    `  ${[...pageJs].map((f) => `${f.replace('/assets/', '')} ${kb(gzKb(join(webDist, f)))}`).join(', ')}`,
    `all JS of the app, gzip: ${kb(allKb)}`,
    `overview interactive (navigation rendered), median of ${runs}: ${median(interactive).toFixed(0)} ms (budget ${BUDGET_MS} ms; runs ${interactive.map((x) => x.toFixed(0)).join(', ')})`,
    `overview figures on screen (KPIs and money), median of ${runs}: ${median(figures).toFixed(0)} ms (runs ${figures.map((x) => x.toFixed(0)).join(', ')})`,
  ];
  console.log(lines.join('\n'));
  const over = firstPageKb > BUDGET_KB || median(interactive) > BUDGET_MS;
  if (over) console.log('OVER BUDGET');
  if (check && over) process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
