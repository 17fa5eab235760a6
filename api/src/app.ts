import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { assumptionRoutes } from './assumptions/routes';
import { auditRoutes } from './audit/routes';
import { authenticate } from './auth/middleware';
import { authRoutes } from './auth/routes';
import { tokenRoutes } from './auth/token-routes';
import { userRoutes } from './auth/user-routes';
import { bonusRoutes } from './bonus/routes';
import type { AppDeps, AppEnv } from './context';
import { customerRoutes } from './customers/routes';
import { healthRoutes } from './health/routes';
import { importRoutes } from './import/routes';
import { kpiRoutes } from './kpis/routes';
import { AppError, handleError } from './lib/errors';
import { rejectNulCharacters } from './lib/nul-guard';
import { moneyRoutes } from './money/routes';
import { periodRoutes } from './periods/routes';
import { planRoutes } from './plans/routes';
import { bonusDocumentRoutes, reportRoutes } from './reports/routes';

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
    .route('/auth', authRoutes)
    .use(authenticate)
    .route('/tokens', tokenRoutes)
    .route('/users', userRoutes)
    .route('/import', importRoutes)
    .route('/kpis', kpiRoutes)
    .route('/money', moneyRoutes)
    .route('/customers', customerRoutes)
    .route('/assumptions', assumptionRoutes)
    .route('/plans', planRoutes)
    .route('/bonus', bonusRoutes)
    .route('/bonus', bonusDocumentRoutes)
    .route('/reports', reportRoutes)
    .route('/periods', periodRoutes)
    .route('/audit', auditRoutes);

  // Security headers on every answer, errors included (nosniff, frame and referrer policy, HSTS).
  const app = new Hono<AppEnv>()
    .use(secureHeaders())
    .use('/api/*', rejectNulCharacters)
    .route('/api', api);
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
