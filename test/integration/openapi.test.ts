import { validationError } from '@delight/api/lib/validation';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestContext, type TestContext } from '../src/app';
import { ContractChecker, type OpenApiDocument } from '../src/contract';

/** Routes that are not operations of the contract: the contract itself and its page. */
const NOT_OPERATIONS = new Set(['GET /api/openapi.json', 'GET /api/docs']);

/** `/api/users/:id` → `/api/users/{id}`, as OpenAPI writes a path. */
const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('the OpenAPI contract', () => {
  let t: TestContext;
  let doc: OpenApiDocument;
  beforeAll(async () => {
    t = await createTestContext('pglite');
    const res = await t.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    doc = (await res.json()) as OpenApiDocument;
  });
  afterAll(() => t.db.drop());

  it('lists every route of the app (method and path)', () => {
    const routes = new Set(
      t.app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path}`)
        .filter((r) => !NOT_OPERATIONS.has(r)),
    );
    const missing = [...routes].filter((r) => {
      const [method, path] = r.split(' ') as [string, string];
      return !doc.paths[openApiPath(path)]?.[method.toLowerCase()];
    });
    // Each missing route needs describe() (and validate() for its inputs): see docs/api.md
    expect(missing, `routes missing from /api/openapi.json:\n  ${missing.join('\n  ')}`).toEqual(
      [],
    );
    expect(routes.size).toBeGreaterThan(40);
  });

  it('documents nothing the app does not serve', () => {
    const served = new Set(t.app.routes.map((r) => `${r.method} ${openApiPath(r.path)}`));
    const extra = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .map((m) => `${m.toUpperCase()} ${path}`)
        .filter((op) => !served.has(op)),
    );
    expect(extra).toEqual([]);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('declares the one error shape for every operation', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.responses.default, `${method} ${path}`).toBeDefined();
      }
    }
  });

  it('the contract checker refuses an answer that does not match its schema', async () => {
    // the same document with the health answer's `db` narrowed to a value it never has
    const narrowed = structuredClone(doc);
    const health = narrowed.paths['/api/health']!.get!.responses['200']!;
    health.content!['application/json']!.schema = {
      type: 'object',
      required: ['status', 'db'],
      properties: { status: { const: 'ok' }, db: { const: 'oracle' } },
    };
    const checker = new ContractChecker(narrowed);
    const res = await t.app.request('/api/health');
    expect(await checker.check('GET', '/api/health', res)).toEqual([
      expect.stringContaining('GET /api/health → 200: /db must be equal to constant'),
    ]);
    // and accepts it against the real document
    expect(await new ContractChecker(doc).check('GET', '/api/health', res)).toEqual([]);
    // an undeclared success status is a problem too
    const created = new Response('{}', {
      status: 201,
      headers: { 'content-type': 'application/json' },
    });
    expect(await new ContractChecker(doc).check('GET', '/api/health', created)).toEqual([
      'GET /api/health → 201: success status not declared',
    ]);
  });

  it('the reference page is served with a CSP that allows its script by nonce only there', async () => {
    const page = await t.app.request('/api/docs');
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    const html = await page.text();
    expect(html).toContain(`nonce="${nonce}"`);
    expect(html).toContain('/api/openapi.json');
    expect(csp).toContain("frame-ancestors 'none'");
    for (const other of ['/api/health', '/api/openapi.json', '/api/kpis?period=2026-Q1']) {
      const res = await t.request(other);
      expect(res.headers.get('content-security-policy') ?? '', other).not.toContain('script-src');
    }
  });
});

describe('the error contract', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext('pglite');
  });
  afterAll(() => t.db.drop());

  it('every error answer carries the request id of its X-Request-Id header', async () => {
    const answers = [
      await t.request('/api/kpis?period=nonsense'), // invalid_period (400)
      await t.request('/api/kpis', { token: '' }), // unauthorized (401)
      await t.request('/api/users', { token: await t.tokenFor('hr') }), // forbidden (403)
      await t.request('/api/no-such-route'), // not_found (404)
      await t.sendJson('POST', '/api/auth/login', '{"email":'), // bad_request (400)
      await t.sendJson('PUT', '/api/kpis/leaderboard/settings', { k: -1, min_n: 10 }), // 422
    ];
    expect(answers.map((r) => r.status)).toEqual([400, 401, 403, 404, 400, 422]);
    for (const res of answers) {
      const body = (await res.json()) as { code: string; requestId: string };
      expect(body.requestId).toBe(res.headers.get('x-request-id'));
      expect(body.requestId.length).toBeGreaterThan(0);
    }
  });

  it('the validation hook: 400 for a request of the wrong shape, 422 for a domain rule', () => {
    const rule = z
      .object({ from: z.number(), to: z.number() })
      .refine((v) => v.from <= v.to, { message: 'from after to', params: { domainRule: true } });
    const shape = rule.safeParse({ from: 'x', to: 1 });
    const domain = rule.safeParse({ from: 2, to: 1 });
    expect(shape.success || domain.success).toBe(false);
    if (shape.success || domain.success) return;
    expect(validationError('json', shape.error.issues).code).toBe('invalid_request');
    const refused = validationError('json', domain.error.issues);
    expect(refused.code).toBe('unprocessable');
    expect(refused.details).toEqual([{ path: '', message: 'from after to' }]);
  });
});
