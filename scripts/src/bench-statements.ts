// Benchmark (not a test): the statement archive of a generated run streams in flat memory.
//
//   pnpm bench:statements [--employees 10000] [--port 3151]
//
// Generates a company of N agents (one customer and two NPS answers each, a quarter plan
// on NPS with a segment fallback), imports it into an in-memory PGlite through the normal
// importer, starts the real HTTP server and downloads GET /api/bonus/statements.zip as HR,
// sampling the process's RSS while the archive streams. Prints RSS before, at every tenth
// of the download and at its peak, and the growth from the first tenth to the end: flat
// memory means that growth does not scale with the number of statements.
import { createApiToken } from '@delight/api/auth';
import { importFiles } from '@delight/api/import';
import { createDb } from '@delight/db';
import { startServer } from './server';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const EMPLOYEES = arg('employees', 10_000);
const PORT = arg('port', 3151);
const SEGMENTS = 50;
const PERIOD = '2026-Q1';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** The import files of a company with `n` agents in SEGMENTS segments. */
function company(n: number): Record<string, string> {
  const segments = ['external_id,name,manager'];
  const employees = ['external_id,name,email,role,segment,bonus_target,currency,hired_on,left_on'];
  for (let s = 1; s <= SEGMENTS; s++) {
    segments.push(`S${pad(s, 3)},Segment ${s} – Rīga,M${pad(s, 3)}`);
    employees.push(
      `M${pad(s, 3)},Менеджер ${s},m${s}@bench.example,segment_manager,S${pad(s, 3)},5000.00,EUR,2020-01-01,`,
    );
  }
  const customers = ['external_id,name,segment,account_manager,acquired_on,churned_on'];
  const responses = ['external_id,customer,employee,kind,score,responded_at,comment'];
  for (let i = 1; i <= n; i++) {
    const id = `A${pad(i, 6)}`;
    const segment = `S${pad(((i - 1) % SEGMENTS) + 1, 3)}`;
    employees.push(
      `${id},Агент Ķirsis ${i},a${i}@bench.example,agent,${segment},${2000 + (i % 997)}.${pad(i % 100, 2)},EUR,2020-01-01,`,
    );
    customers.push(`C${pad(i, 6)},Customer ${i},${segment},${id},2020-01-01,`);
    for (let k = 0; k < 2; k++) {
      const day = pad(1 + ((i + k * 7) % 28), 2);
      responses.push(
        `R${pad(i, 6)}-${k},C${pad(i, 6)},${id},nps,${(i * 7 + k * 3) % 11},2026-02-${day}T10:00:00Z,`,
      );
    }
  }
  const line = (kpi: string, weight: number) => ({
    kpi,
    weight,
    threshold: 0,
    target: 30,
    stretch: 60,
    payout_at_threshold: 0.5,
    cap: 1.5,
    min_sample: 5,
    below_min: 'segment',
  });
  const plans = {
    plans: [
      {
        key: 'agents',
        role: 'agent',
        period_kind: 'quarter',
        valid_from: '2025-01-01',
        lines: [line('nps', 1)],
      },
    ],
  };
  return {
    'segments.csv': `${segments.join('\n')}\n`,
    'employees.csv': `${employees.join('\n')}\n`,
    'customers.csv': `${customers.join('\n')}\n`,
    'responses.csv': `${responses.join('\n')}\n`,
    'plans.json': JSON.stringify(plans),
  };
}

async function main() {
  const database = await createDb();
  const started = Date.now();
  const { imported } = await importFiles(database.db, company(EMPLOYEES), {
    actor: 'bench',
    reportingCurrency: 'EUR',
  });
  console.log(
    `imported ${imported['employees.csv']} employees, ${imported['responses.csv']} answers in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const { token } = await createApiToken(database.db, { role: 'hr', employee: null });
  const server = await startServer({ database, port: PORT });
  try {
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const t0 = Date.now();
    const res = await fetch(`${server.url}/api/bonus/statements.zip?period=${PERIOD}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status !== 200 || !res.body)
      throw new Error(`archive: ${res.status} ${await res.text()}`);
    // entries are counted by their local file headers (PK\3\4) as the bytes arrive
    let bytes = 0;
    let entries = 0;
    let tail = new Uint8Array(0);
    let last = new Uint8Array(0);
    const marks: { entries: number; rss: number }[] = [];
    let nextMark = Math.ceil(EMPLOYEES / 10);
    for await (const chunk of res.body) {
      bytes += chunk.length;
      const view = new Uint8Array(tail.length + chunk.length);
      view.set(tail);
      view.set(chunk, tail.length);
      for (let i = 0; i + 3 < view.length; i++) {
        if (view[i] === 0x50 && view[i + 1] === 0x4b && view[i + 2] === 3 && view[i + 3] === 4)
          entries++;
      }
      tail = view.slice(-3);
      last = view.slice(-22);
      if (entries >= nextMark) {
        marks.push({ entries, rss: process.memoryUsage().rss });
        nextMark += Math.ceil(EMPLOYEES / 10);
      }
    }
    clearInterval(sampler);
    // the end-of-central-directory record (the last 22 bytes) counts the entries exactly
    const total = last.length === 22 ? last[10]! | (last[11]! << 8) : Number.NaN;
    if (total !== entries)
      console.log(`(PK headers seen: ${entries}; the directory lists ${total})`);
    entries = total;
    const seconds = (Date.now() - t0) / 1000;
    const after = process.memoryUsage().rss;
    peak = Math.max(peak, after);
    console.log(
      `archive: ${entries} statements, ${mb(bytes)} in ${seconds.toFixed(1)} s (${(entries / seconds).toFixed(0)} statements/s)`,
    );
    console.log(`RSS before the download: ${mb(before)}`);
    for (const m of marks)
      console.log(`  after ${String(m.entries).padStart(6)} statements: ${mb(m.rss)}`);
    console.log(`RSS peak while streaming: ${mb(peak)} (+${mb(peak - before)} over before)`);
    const first = marks[0]?.rss ?? before;
    console.log(
      `RSS growth from the first tenth to the end: ${mb(after - first)} over ${entries - (marks[0]?.entries ?? 0)} more statements`,
    );
  } finally {
    await server.close();
    await database.close();
  }
}

await main();
