import { Writable } from 'node:stream';
import { createApp, createLogger, createMetrics } from '@delight/api';
import { createApiToken, createUser } from '@delight/api/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../src/databases';
import { goldenFile } from '../src/golden';

const PASSWORD = 'a very secret password';
const NEW_PASSWORD = 'another secret password';
const METRICS_TOKEN = 'metrics-token-0123456789';

/** Issue 15 point 4: JSON logs without secrets, request ids in error bodies, /metrics. */
describe.each(databaseTargets())('logs and metrics on %s', (target) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let adminToken: string;
  const lines: Record<string, unknown>[] = [];
  let raw = '';

  beforeAll(async () => {
    db = await createTestDatabase(target);
    const sink = new Writable({
      write(chunk, _enc, done) {
        raw += String(chunk);
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    app = createApp({
      database: db.database,
      logger: createLogger({ level: 'debug', destination: sink }),
      metrics: createMetrics(db.database),
      metricsAccess: { enabled: true, token: METRICS_TOKEN },
    });
    adminToken = (await createApiToken(db.database.db, { role: 'admin' })).token;
    await createUser(db.database.db, {
      email: 'logged@x.example',
      password: PASSWORD,
      role: 'executive',
    });
  });
  afterAll(() => db.drop());

  const json = (body: unknown, headers: Record<string, string> = {}) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const lineOf = (reqId: string | null) =>
    lines.find((l) => l.reqId === reqId && l.msg !== undefined && 'status' in l);

  it('one JSON line per request: request id, route, status, duration, principal; never a password, token or cookie', async () => {
    // a sign-in, a session call, a password change, a bearer call, a failed sign-in
    const login = await app.request(
      '/api/auth/login',
      json({ email: 'logged@x.example', password: PASSWORD }),
    );
    expect(login.status).toBe(200);
    const cookie = /dl_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const me = await app.request('/api/auth/me', { headers: { cookie: `dl_session=${cookie}` } });
    const change = await app.request(
      '/api/auth/password',
      json(
        { current_password: PASSWORD, new_password: NEW_PASSWORD },
        { cookie: `dl_session=${cookie}`, 'x-csrf-token': csrfToken },
      ),
    );
    expect(change.status).toBe(200);
    const users = await app.request('/api/users/1', {
      method: 'PATCH',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'set by the admin 1' }),
    });
    expect(users.status).toBe(200);
    const bad = await app.request(
      '/api/auth/login',
      json({ email: 'logged@x.example', password: 'wrong guess here' }),
    );
    expect(bad.status).toBe(401);

    const meLine = lineOf(me.headers.get('x-request-id'));
    expect(meLine).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'GET',
      route: '/api/auth/me',
      path: '/api/auth/me',
      status: 200,
      principal: null,
    });
    expect(typeof meLine?.durationMs).toBe('number');
    expect(typeof meLine?.time).toBe('string');
    expect(lineOf(change.headers.get('x-request-id'))).toMatchObject({
      route: '/api/auth/password',
      status: 200,
      principal: 'user:logged@x.example',
    });
    expect(lineOf(users.headers.get('x-request-id'))).toMatchObject({
      method: 'PATCH',
      route: '/api/users/:id',
      path: '/api/users/1',
      status: 200,
      principal: 'token:admin',
    });
    expect(lineOf(bad.headers.get('x-request-id'))).toMatchObject({ status: 401 });

    for (const secret of [
      PASSWORD,
      NEW_PASSWORD,
      'set by the admin 1',
      'wrong guess here',
      adminToken,
      cookie,
      csrfToken,
    ]) {
      expect(raw).not.toContain(secret);
    }
  });

  it('every error body carries the request id of its answer and its log line', async () => {
    const answers = [
      await app.request('/api/kpis?period=2026-Q1'), // 401
      await app.request('/api/nope', { headers: { authorization: `Bearer ${adminToken}` } }), // 404
      await app.request('/api/kpis?period=2026-Q7', {
        headers: { authorization: `Bearer ${adminToken}` },
      }), // 400
      await app.request('/api/auth/login', json({ email: '' })), // 400 validation
    ];
    for (const res of answers) {
      const id = res.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      const body = (await res.json()) as { requestId?: string; code: string };
      expect(body.requestId, body.code).toBe(id);
      expect(lineOf(id)?.status).toBe(res.status);
    }
    // a caller's own well-formed request id is kept (tracing across a balancer)
    const traced = await app.request('/api/health', { headers: { 'x-request-id': 'lb-trace-42' } });
    expect(traced.headers.get('x-request-id')).toBe('lb-trace-42');
    expect(lineOf('lb-trace-42')).toMatchObject({ level: 'debug', route: '/api/health' });
  });

  it('/metrics needs its token, then scrapes request counts, latency histograms, import rows and errors, and the pool', async () => {
    expect((await app.request('/metrics')).status).toBe(401);
    expect(
      (await app.request('/metrics', { headers: { authorization: `Bearer ${adminToken}` } }))
        .status,
    ).toBe(401);

    const upload = (name: string, text: string) => {
      const form = new FormData();
      form.append(name, new Blob([text]), name);
      return app.request('/api/import', {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}` },
        body: form,
      });
    };
    const fx = goldenFile('fx_rates.csv');
    const fxRows = fx.trim().split('\n').length - 1;
    expect((await upload('fx_rates.csv', fx)).status).toBe(200);
    const bad = await upload('segments.csv', 'external_id,name,manager\nS1,,E404\n');
    expect(bad.status).toBe(422);
    const problems = ((await bad.json()) as { errors: unknown[] }).errors.length;

    const res = await app.request('/metrics', {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const value = (name: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${name} `));
      return line === undefined ? undefined : Number(line.slice(name.length + 1));
    };
    expect(
      value('delight_http_requests_total{method="POST",route="/api/import",status="200"}'),
    ).toBe(1);
    expect(
      value('delight_http_requests_total{method="POST",route="/api/import",status="422"}'),
    ).toBe(1);
    expect(
      value('delight_http_request_duration_seconds_count{method="POST",route="/api/import"}'),
    ).toBe(2);
    expect(
      value(
        'delight_http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/api/import"}',
      ),
    ).toBe(2);
    expect(value('delight_import_rows_total{file="fx_rates.csv"}')).toBe(fxRows);
    expect(value('delight_import_errors_total{file="segments.csv"}')).toBe(problems);
    expect(value('delight_imports_total{outcome="applied"}')).toBe(1);
    expect(value('delight_imports_total{outcome="rejected"}')).toBe(1);
    expect(value('delight_db_up')).toBe(1);
    if (target === 'postgres') {
      expect(value('delight_db_pool_connections{state="max"}')).toBe(10);
      expect(value('delight_db_pool_connections{state="open"}')).toBeGreaterThanOrEqual(1);
      // the scrape's own query is the one active connection
      expect(value('delight_db_pool_connections{state="active"}')).toBeGreaterThanOrEqual(1);
    }
    // route patterns, never raw paths with ids, as labels
    expect(text).not.toMatch(/route="\/api\/users\/1"/);
  });
});
