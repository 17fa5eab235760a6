import postgres from 'postgres';
import { createCluster } from '../src/pg-cluster';

const c = await createCluster(5453);
const sql = postgres(c.url, { max: 10, onnotice: () => {}, idle_timeout: 60, connect_timeout: 10 });
const q = async (tag: string) => {
  try {
    await sql`select pg_sleep(0.05)`;
    return `${tag} ok`;
  } catch (e) {
    return `${tag} ${(e as { code?: string }).code}`;
  }
};
console.log(await Promise.all([1, 2, 3, 4, 5, 6].map((i) => q(`warm${i}`))));
const inflight = Promise.all([1, 2, 3, 4, 5, 6].map((i) => q(`in${i}`)));
await new Promise((r) => setTimeout(r, 20));
await c.stop('fast');
console.log(await inflight);
console.log(await q('down1'));
await new Promise((r) => setTimeout(r, 3000));
console.log(await q('down2'));
await c.start();
console.log('started');
for (let i = 0; i < 8; i++) console.log(await q(`up${i}`));
await sql.end();
await c.remove();
