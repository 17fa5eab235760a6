import { Hono } from 'hono';
import { authenticate } from './auth/middleware';
import type { AppDeps, AppEnv } from './context';
import { healthRoutes } from './health/routes';
import { AppError, handleError } from './lib/errors';

/**
 * Builds the HTTP app around an injected database, so a test can hand it a fresh
 * PGlite. Domain sub-apps are mounted with chained `.route()` so that `typeof app`
 * types the web's `hc` client.
 */
export function createApp(deps: AppDeps) {
  const resolved: Required<AppDeps> = {
    reportingCurrency: 'EUR',
    secureCookies: false,
    sessionTtlHours: 12,
    ...deps,
  };
  const api = new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('deps', resolved);
      await next();
    })
    .route('/health', healthRoutes)
    .use(authenticate);

  const app = new Hono<AppEnv>().route('/api', api);
  app.notFound((c) => {
    if (c.req.path.startsWith('/api')) {
      return c.json({ code: 'not_found', message: `No route ${c.req.method} ${c.req.path}` }, 404);
    }
    return c.text('Not found', 404);
  });
  app.onError(handleError);
  return app;
}

export type App = ReturnType<typeof createApp>;
export { AppError };
