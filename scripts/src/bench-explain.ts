/**
 * `pnpm bench:explain --db NAME [--url URL]`: the dashboard statements of a loaded
 * database (e.g. one kept by `pnpm bench:scale --scale M --keep`) under
 * EXPLAIN (ANALYZE) with JIT on and with JIT off, to decide the API's JIT setting
 * (issue 12.3). It asks the real API (in process) for each dashboard call, records the
 * statements it sends, and explains every statement that takes over 50 ms (`--min-ms`), printing
 * its execution time and JIT time both ways. Prints figures; asserts nothing.
 */
import { parseArgs } from 'node:util';
import { createApp } from '@delight/api';
import { createApiToken } from '@delight/api/auth';
import { createDb, type Database, type Db, queryRows } from '@delight/db';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

const dialect = new PgDialect();

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    period: { type: 'string', default: '2026-Q3' },
    'min-ms': { type: 'string', default: '50' },
  },
});
if (!values.db) throw new Error('--db NAME is required');
const url = new URL(values.url!);
url.pathname = `/${values.db}`;

const opened = await createDb({ url: url.toString(), migrate: false, pool: { poolSize: 2 } });
// the statements the services send (raw SQL through execute), recorded on their way
const captured: SQL[] = [];
const recording = new Proxy(opened.db, {
  get(target, prop, receiver) {
    if (prop === 'execute') {
      return (query: SQL) => {
        captured.push(query);
        return target.execute(query);
      };
    }
    return Reflect.get(target, prop, receiver);
  },
}) satisfies Db;
const database: Database = {
  ...opened,
  db: recording,
  get read() {
    return recording;
  },
};
const app = createApp({ database });
const token = (await createApiToken(opened.db, { role: 'admin' })).token;
const P = values.period!;
const calls = [
  `/api/kpis?period=${P}&scope=company`,
  `/api/kpis/trend?scope=company&from=2024-10&to=2026-09&grain=month`,
  `/api/money?period=${P}&scope=company`,
  `/api/customers?period=${P}&scope=company&sort=ttm&dir=desc&page=1&page_size=50`,
  `/api/customers/cost-to-serve?period=${P}&scope=company`,
  `/api/bonus?period=${P}`,
];
const explain = async (query: SQL, jit: 'on' | 'off') => {
  const [row] = await opened.db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local jit = ${jit}`));
    return queryRows<{ 'QUERY PLAN': unknown }>(tx, sql`explain (analyze, format json) ${query}`);
  });
  const raw = row!['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as {
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
  for (const query of [...captured]) {
    const text = dialect.sqlToQuery(query).sql;
    if (!/^\s*(with|select)/i.test(text)) continue;
    const off = await explain(query, 'off');
    if (off.ms < Number(values['min-ms'])) continue;
    const on = await explain(query, 'on');
    console.log(
      `  ${text.replace(/\s+/g, ' ').slice(0, 70)}…  jit on ${fmt(on.ms)} (of it JIT ${fmt(on.jitMs)}) · jit off ${fmt(off.ms)}`,
    );
  }
}
await opened.close();
