import { spawn } from 'node:child_process';
import { createCluster } from '../src/pg-cluster';

const c = await createCluster(5452);
const child = spawn('node', ['--import', 'tsx', 'scripts/src/start.ts'], {
  env: { ...process.env, DATABASE_URL: c.url, PORT: '3132', DELIGHT_BUILD_WEB: '0' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let out = '';
child.stdout.on('data', (d) => {
  out += d;
});
child.stderr.on('data', (d) => {
  out += d;
});
child.on('exit', (code) => console.log('CHILD EXIT', code));
const base = 'http://127.0.0.1:3132';
for (let i = 0; i < 120; i++) {
  try {
    if ((await fetch(`${base}/api/health`)).ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 500));
}
const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'admin@delight.example', password: 'delight-admin' }),
});
const cookie = /dl_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1];
const get = async (p: string) => {
  try {
    const r = await fetch(base + p, { headers: { cookie: `dl_session=${cookie}` } });
    return `${r.status} ${r.headers.get('retry-after') ?? ''} ${(await r.text()).slice(0, 100)}`;
  } catch (e) {
    return `ERR ${(e as Error).message}`;
  }
};
console.log('before', await get('/api/kpis?period=2026-Q1&scope=company'));
const inflight = Array.from({ length: 6 }, () => get('/api/money?period=2026-Q1&scope=company'));
await new Promise((r) => setTimeout(r, 30));
await c.stop('fast');
console.log('inflight', await Promise.all(inflight));
console.log('during kpis', await get('/api/kpis?period=2026-Q1&scope=company'));
console.log('during health', await get('/api/health'));
console.log('during ready', await get('/api/ready'));
await new Promise((r) => setTimeout(r, 3000));
console.log('during kpis 2', await get('/api/kpis?period=2026-Q1&scope=company'));
await c.start();
for (let i = 0; i < 5; i++) console.log('after health', i, (await get('/api/health')).slice(0, 40));
console.log('after kpis', await get('/api/kpis?period=2026-Q1&scope=company'));
await c.stop('immediate');
await c.start();
console.log('after crash kpis', await get('/api/kpis?period=2026-Q1&scope=company'));
console.log('after crash kpis', await get('/api/kpis?period=2026-Q1&scope=company'));
child.kill('SIGTERM');
await new Promise((r) => setTimeout(r, 1500));
console.log(
  out
    .split('\n')
    .filter((l) => l.includes('"err"'))
    .map((l) => {
      const j = JSON.parse(l);
      return `${j.time} ${j.err.code} ${j.err.message.slice(0, 80)}`;
    })
    .join('\n'),
);
await c.remove();
