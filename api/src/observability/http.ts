import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { requestId } from 'hono/request-id';
import { matchedRoutes } from 'hono/route';
import { clientAddress } from '../auth/middleware';
import type { AppEnv } from '../context';

/** Every answer names its request (X-Request-Id): taken from the caller when well-formed, else new. */
export const withRequestId = requestId({ limitLength: 128 });

/** The route pattern that answered (`/api/users/:id`), so metrics and logs group by route. */
export function routeOf(c: Context): string {
  const handler = matchedRoutes(c).findLast((r) => r.method !== 'ALL');
  return handler?.path ?? 'unmatched';
}

/** Probes answer every few seconds: logged at debug level when they succeed. */
const PROBES = new Set(['/api/health', '/api/ready', '/metrics']);

/**
 * One log line and the HTTP metrics per request: request id, method, route, path
 * (never the query string), status, duration and principal. Nothing from the body,
 * the headers or the cookies.
 */
export const observeRequests = createMiddleware<AppEnv>(async (c, next) => {
  const started = performance.now();
  await next();
  const seconds = (performance.now() - started) / 1000;
  const { logger, metrics } = c.var.deps;
  const route = routeOf(c);
  const status = c.res.status;
  metrics.httpRequests.inc({ method: c.req.method, route, status: String(status) });
  metrics.httpDuration.observe({ method: c.req.method, route }, seconds);
  const fields = {
    reqId: c.var.requestId,
    method: c.req.method,
    route,
    path: c.req.path,
    status,
    durationMs: Math.round(seconds * 1e4) / 10,
    principal: c.var.principal?.label ?? null,
    address: clientAddress(c),
  };
  if (status >= 500) logger.error(fields, 'request failed');
  else if (PROBES.has(route) && status < 400) logger.debug(fields, 'request');
  else logger.info(fields, 'request');
});
