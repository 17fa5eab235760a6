/**
 * `pnpm bench:explain --db NAME [--url URL]`: the dashboard statements of a loaded
 * database (e.g. one kept by `pnpm bench:scale --scale M --keep`) under
 * EXPLAIN (ANALYZE) with JIT on and with JIT off, to decide the API's JIT setting
 * (issue 12.3). It asks the real API (in process) for each dashboard call, records the
 * statements it sends, and explains every statement that takes over 50 ms, printing
 * its execution time and JIT time both ways. Prints figures; asserts nothing.
 */
import { parseArgs } from 'node:util';
import { createApp } from '@delight/api';
import { createApiToken } from '@delight/api/auth';
import { type Database, type Db, schema } from '@delight/db';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    period: { type: 'string', default: '2026-Q3' },
  },
});
if (!values.db) throw new Error('--db NAME is required');
const url = new URL(values.url!);
url.pathname = `/${values.db}`;

const captured: { query: string; params: unknown[] }[] = [];
const client = postgres(url.toString(), {
  max: 2,
  onnotice: () => {},
  connection: { jit: 'off' },
  debug: (_conn, query, params) => {
    if (/^\s*(with|select)/i.test(query)) captured.push({ query, params: params as unknown[] });
  },
});
const db = drizzle(client, { schema }) as unknown as Db;
const database: Database = {
  db,
  kind: 'postgres',
  read: db,
  ping: async () => {},
  migrationStatus: async () => ({ known: 0, pending: 0 }),
  stats: async () => ({
    kind: 'postgres',
    pool: null,
    replica: 'none',
    reads: { primary: 0, replica: 0 },
  }),
  close: () => client.end(),
};
const app = createApp({ database });
const token = (await createApiToken(db, { role: 'admin' })).token;
const P = values.period!;
const calls = [
  `/api/kpis?period=${P}&scope=company`,
  `/api/kpis/trend?scope=company&from=2024-10&to=2026-09&grain=month`,
  `/api/money?period=${P}&scope=company`,
  `/api/customers?period=${P}&scope=company&sort=ttm&dir=desc&page=1&page_size=50`,
  `/api/customers/cost-to-serve?period=${P}&scope=company`,
  `/api/bonus?period=${P}`,
];
const explain = async (query: string, params: unknown[], jit: 'on' | 'off') => {
  const [row] = await client.begin(async (tx) => {
    await tx.unsafe(`set local jit = ${jit}`);
    return tx.unsafe(`explain (analyze, format json) ${query}`, params as never[]);
  });
  const plan = (row as Record<string, unknown>)['QUERY PLAN'] as {
    'Execution Time': number;
    JIT?: { Timing?: { Total?: number } };
  }[];
  return { ms: plan[0]!['Execution Time'], jitMs: plan[0]!.JIT?.Timing?.Total ?? 0 };
};
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
console.log(`EXPLAIN ANALYZE, JIT on vs off, database ${values.db}`);
for (const path of calls) {
  captured.length = 0;
  const t0 = performance.now();
  const res = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  console.log(`${path}: ${res.status}, ${fmt(performance.now() - t0)} over HTTP (JIT off)`);
  for (const { query, params } of [...captured]) {
    const off = await explain(query, params, 'off');
    if (off.ms < 50) continue;
    const on = await explain(query, params, 'on');
    console.log(
      `  ${query.replace(/\s+/g, ' ').slice(0, 70)}…  jit on ${fmt(on.ms)} (of it JIT ${fmt(on.jitMs)}) · jit off ${fmt(off.ms)}`,
    );
  }
}
await client.end();
