import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import proxyaddr from 'proxy-addr';
import { assumptionRoutes } from './assumptions/routes';
import { auditRoutes } from './audit/routes';
import { localeRoutes } from './auth/locale';
import { authenticate } from './auth/middleware';
import { authRoutes } from './auth/routes';
import { tokenRoutes } from './auth/token-routes';
import { confineIngestTokens } from './auth/tokens';
import { userRoutes } from './auth/user-routes';
import { approvalRoutes } from './bonus/approval-routes';
import { disputeRoutes } from './bonus/disputes-routes';
import { bonusRoutes } from './bonus/routes';
import { caseRoutes } from './cases/routes';
import { commentRoutes } from './comments/routes';
import type { AppDeps, AppEnv, ResolvedDeps } from './context';
import { customerRoutes } from './customers/routes';
import { healthRoutes, readyRoutes } from './health/routes';
import { importJobRoutes, importRoutes } from './import/routes';
import { ingestRoutes } from './ingest/routes';
import { kpiRoutes } from './kpis/routes';
import { DomainError } from './lib/errors';
import { handleError } from './lib/http-errors';
import { rejectNulCharacters } from './lib/nul-guard';
import { todayUtc } from './lib/period';
import { moneyRoutes } from './money/routes';
import { observeRequests, withRequestId } from './observability/http';
import { silentLogger } from './observability/logger';
import { createMetrics } from './observability/metrics';
import { metricsRoutes } from './observability/routes';
import { mountOpenApi } from './openapi/document';
import { periodRoutes } from './periods/routes';
import { planRoutes } from './plans/routes';
import { recoveryActionRoutes, recoveryRoutes } from './recovery/routes';
import { bonusDocumentRoutes, reportRoutes } from './reports/routes';
import { signalRoutes } from './signals/routes';
import { webhookRoutes, webhookSourceRoutes } from './webhooks/routes';

/**
 * Builds the HTTP app around an injected database, so a test can hand it a fresh
 * PGlite. Domain sub-apps are mounted with chained `.route()` so that `typeof app`
 * types the web's `hc` client.
 */
export function createApp(deps: AppDeps) {
  const trustedProxies = deps.trustedProxies ?? [];
  const resolved: ResolvedDeps = {
    database: deps.database,
    reportingCurrency: deps.reportingCurrency ?? 'EUR',
    secureCookies: deps.secureCookies ?? false,
    sessionTtlHours: deps.sessionTtlHours ?? 12,
    logger: deps.logger ?? silentLogger(),
    metrics: deps.metrics ?? createMetrics(deps.database),
    metricsAccess: deps.metricsAccess ?? { enabled: false },
    trustedProxies,
    isTrustedProxy: proxyaddr.compile(trustedProxies),
    today: deps.today ?? todayUtc,
    now: deps.now ?? Date.now,
  };
  const api = new Hono<AppEnv>()
    .route('/health', healthRoutes)
    .route('/ready', readyRoutes)
    .route('/auth', authRoutes)
    .route('/imports', importJobRoutes) // authenticates itself (see the route)
    .route('/webhooks', webhookRoutes)
    .use(authenticate)
    .use(confineIngestTokens)
    .route('/tokens', tokenRoutes)
    .route('/users', userRoutes)
    .route('/account/locale', localeRoutes)
    .route('/import', importRoutes)
    .route('/ingest', ingestRoutes)
    .route('/kpis', kpiRoutes)
    .route('/money', moneyRoutes)
    .route('/customers', customerRoutes)
    .route('/assumptions', assumptionRoutes)
    .route('/plans', planRoutes)
    .route('/bonus', bonusRoutes)
    .route('/bonus', bonusDocumentRoutes)
    .route('/bonus', disputeRoutes)
    .route('/reports', reportRoutes)
    .route('/periods', periodRoutes)
    .route('/periods', approvalRoutes)
    .route('/signals', signalRoutes)
    .route('/audit', auditRoutes)
    .route('/cases', caseRoutes)
    .route('/recovery-actions', recoveryActionRoutes)
    .route('/recovery', recoveryRoutes)
    .route('/responses', commentRoutes)

    .route('/webhook-sources', webhookSourceRoutes);

  // Security headers on every answer, errors included (nosniff, frame and referrer policy, HSTS).
  const base = new Hono<AppEnv>()
    .use(withRequestId)
    .use(async (c, next) => {
      c.set('deps', resolved);
      await next();
    })
    .use(observeRequests)
    .use(secureHeaders())
    .use('/api/*', rejectNulCharacters);
  // before the API's routes, so the contract and its reference page need no credential
  mountOpenApi(base);
  const app = base.route('/api', api).route('/metrics', metricsRoutes);
  app.notFound((c) => {
    if (c.req.path.startsWith('/api')) {
      return c.json(
        {
          code: 'not_found',
          message: `No route ${c.req.method} ${c.req.path}`,
          requestId: c.var.requestId,
        },
        404,
      );
    }
    return c.text('Not found', 404);
  });
  app.onError(handleError);
  return app;
}

export type App = ReturnType<typeof createApp>;
export { DomainError };
