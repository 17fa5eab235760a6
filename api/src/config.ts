import { resolve } from 'node:path';

/** The one place that reads process.env. */
export interface Config {
  port: number;
  /** address to listen on; 0.0.0.0 to accept other machines */
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  loadDemo: boolean;
  reportingCurrency: string;
  /** Secure cookies need HTTPS; off for plain localhost. */
  secureCookies: boolean;
  sessionTtlHours: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DELIGHT_DATA_DIR || '.data/pglite'),
    loadDemo: env.DELIGHT_DEMO !== '0',
    reportingCurrency: env.DELIGHT_REPORTING_CURRENCY || 'EUR',
    secureCookies: env.DELIGHT_SECURE_COOKIES === '1',
    sessionTtlHours: Number(env.DELIGHT_SESSION_TTL_HOURS ?? 12),
  };
}

/** Test database server, when the integration suite should also run on PostgreSQL. */
export function testDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.TEST_DATABASE_URL || undefined;
}
