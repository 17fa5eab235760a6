import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@delight/api';
import { importFiles } from '@delight/api/import';
import { createDb } from '@delight/db';

/**
 * `pnpm bench:import [ROWS]`: imports a generated responses file of ROWS rows (default
 * 200,000) into PGlite, or DATABASE_URL, and prints throughput, peak RSS, and how
 * /api/health answered meanwhile (polled every 20 ms). Figures, not assertions.
 */
const ROWS = Number(process.argv[2] ?? 200_000);

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'delight-bench-import-'));
  const file = join(dir, 'responses.csv');
  const out = createWriteStream(file);
  out.write('external_id,customer,employee,kind,score,responded_at,comment\n');
  for (let i = 0; i < ROWS; i++) {
    const kind = ['nps', 'csat', 'ces'][i % 3]!;
    const score = [i % 11, (i % 5) + 1, (i % 7) + 1][i % 3];
    if (
      !out.write(
        `B${i},C1,,${kind},${score},2026-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z,comment ${i}\n`,
      )
    ) {
      await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');

  const database = await createDb({ url: process.env.DATABASE_URL, dataDir: join(dir, 'pglite') });
  await importFiles(
    database.db,
    {
      'employees.csv':
        'external_id,name,email,role,segment,bonus_target,currency,hired_on,left_on\nE1,A,a@x.example,admin,,1,EUR,2020-01-01,\n',
      'segments.csv': 'external_id,name,manager\nS1,S,E1\n',
      'customers.csv':
        'external_id,name,segment,account_manager,acquired_on,churned_on\nC1,C,S1,,2020-01-01,\n',
    },
    { actor: 'bench' },
  );
  const app = createApp({ database });
  let peak = process.memoryUsage().rss;
  const latencies: number[] = [];
  let running = true;
  const phases: string[] = [];
  let phase = '';
  let phaseStart = Date.now();
  const started = Date.now();
  const poll = (async () => {
    while (running) {
      // from when the request was due (20 ms after the last answer) to its answer: a
      // blocked event loop shows here, not only a slow handler
      const due = performance.now() + 20;
      await new Promise((r) => setTimeout(r, 20));
      await app.request('/api/health');
      latencies.push(performance.now() - due);
      peak = Math.max(peak, process.memoryUsage().rss);
    }
  })();
  await importFiles(
    database.db,
    { 'responses.csv': { path: file } },
    {
      actor: 'bench',
      onProgress: (p) => {
        if (p.phase !== phase) {
          if (phase) phases.push(`${phase} ${((Date.now() - phaseStart) / 1000).toFixed(1)} s`);
          phase = p.phase;
          phaseStart = Date.now();
        }
      },
    },
  );
  phases.push(`${phase} + analyze ${((Date.now() - phaseStart) / 1000).toFixed(1)} s`);
  const seconds = (Date.now() - started) / 1000;
  running = false;
  await poll;
  latencies.sort((a, b) => a - b);
  const q = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  console.log(
    `database: ${database.kind}; ${ROWS.toLocaleString('en')} responses in ${seconds.toFixed(1)} s (${Math.round(ROWS / seconds).toLocaleString('en')} rows/s)`,
  );
  console.log(`phases: ${phases.join(', ')}`);
  console.log(`peak RSS: ${(peak / 1024 ** 2).toFixed(0)} MiB`);
  console.log(
    `/api/health during the import (due → answered): ${latencies.length} answers, median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${q(1).toFixed(1)} ms`,
  );
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
