import { Hono } from 'hono';
import { sameSecret } from '../auth/middleware';
import type { AppEnv } from '../context';
import { notFound, unauthorized } from '../lib/errors';
import { describer, file } from '../openapi/describe';

/**
 * GET /metrics, Prometheus text format. Off unless DELIGHT_METRICS=1 or a
 * DELIGHT_METRICS_TOKEN is set (404 then, as if absent); with a token, a scraper sends
 * `Authorization: Bearer TOKEN`. Outside /api: not for users, no session needed.
 */
export const metricsRoutes = new Hono<AppEnv>().get(
  '/',
  describer('Operations')({
    summary: 'Prometheus metrics (off unless enabled; a bearer token when one is set)',
    public: true,
    responses: { 200: file('text/plain', 'Prometheus text format 0.0.4') },
  }),
  async (c) => {
    const { metricsAccess, metrics } = c.var.deps;
    if (!metricsAccess.enabled) throw notFound('No route GET /metrics (metrics are off)');
    if (metricsAccess.token !== undefined) {
      const given = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
      if (!sameSecret(given, metricsAccess.token)) {
        c.header('WWW-Authenticate', 'Bearer realm="metrics"');
        throw unauthorized('Send the metrics token as Authorization: Bearer TOKEN');
      }
    }
    const body = await metrics.registry.metrics();
    return c.body(body, 200, { 'content-type': metrics.registry.contentType });
  },
);
