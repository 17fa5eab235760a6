import { type App, createApp } from '@delight/api';
import { createApiToken } from '@delight/api/auth';
import type { Role } from '@delight/db';
import { ContractChecker, type OpenApiDocument } from './contract';
import { createTestDatabase, type TargetName, type TestDatabase } from './databases';

/**
 * Every answer the app gives through the test context (t.app.request and t.request
 * alike) is checked against the app's own OpenAPI document: an answer that does not
 * match its route's declared response (status, media type, JSON schema) fails the test
 * that asked for it.
 */
export function checkAnswersAgainstContract(app: App): void {
  const original = app.request.bind(app);
  let checker: Promise<ContractChecker> | undefined;
  const contract = () =>
    (checker ??= Promise.resolve(original('/api/openapi.json'))
      .then((res) => res.json() as Promise<OpenApiDocument>)
      .then((doc) => new ContractChecker(doc)));
  app.request = async (input, init, ...rest) => {
    const res = await original(input, init, ...rest);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const url = input instanceof Request ? input.url : String(input);
    const problems = await (await contract()).check(method, url, res);
    if (problems.length > 0) {
      throw new Error(`The answer does not match the OpenAPI document:\n${problems.join('\n')}`);
    }
    return res;
  };
}

export interface TestContext {
  target: TargetName;
  db: TestDatabase;
  app: App;
  /** fetch against the app with a bearer token of the role (admin by default) */
  request(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  /** a JSON request (a string body is sent as it is, for malformed-JSON cases) */
  sendJson(method: string, path: string, body: unknown, token?: string): Promise<Response>;
  tokenFor(role: Role, employee?: string): Promise<string>;
  adminToken: string;
}

/**
 * A fresh database and app, with an admin token for calls that are not about access.
 * `today` fixes the app's date (periods that have not started are refused).
 */
export async function createTestContext(
  target: TargetName,
  options: { today?: string; now?: () => number } = {},
): Promise<TestContext> {
  const db = await createTestDatabase(target);
  const { today, now } = options;
  const app = createApp({
    database: db.database,
    ...(today ? { today: () => today } : {}),
    ...(now ? { now } : {}),
  });
  checkAnswersAgainstContract(app);
  const tokenFor = async (role: Role, employee?: string) =>
    (await createApiToken(db.database.db, { role, employee: employee ?? null })).token;
  const adminToken = await tokenFor('admin');
  const request: TestContext['request'] = (path, init = {}) => {
    const { token = adminToken, headers, ...rest } = init;
    const h = new Headers(headers);
    if (token) h.set('authorization', `Bearer ${token}`);
    return Promise.resolve(app.request(path, { ...rest, headers: h }));
  };
  return {
    target,
    db,
    app,
    adminToken,
    tokenFor,
    request,
    sendJson: (method, path, body, token) =>
      request(path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
        ...(token ? { token } : {}),
      }),
  };
}
