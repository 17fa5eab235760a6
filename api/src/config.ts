import { resolve } from 'node:path';
import proxyaddr from 'proxy-addr';
import { z } from 'zod';

/**
 * The one place that reads process.env: every setting, its default and its check, in
 * one zod schema. A bad value stops the start with a message naming the variable and
 * the value, instead of a NaN deep inside. docs/operations.md lists the same table.
 */

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];
const flag = (name: string, fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const t = v.trim().toLowerCase();
      if (TRUE.includes(t)) return true;
      if (FALSE.includes(t)) return false;
      ctx.addIssue({ code: 'custom', message: `${name} must be 1 or 0 (on/off), got "${v}"` });
      return z.NEVER;
    });

/** A number from its text; empty means the default. */
const number = (name: string, fallback: number, check: (n: number) => boolean, what: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isFinite(n) || !check(n)) {
        ctx.addIssue({ code: 'custom', message: `${name} must be ${what}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const int = (name: string, fallback: number, min: number, max: number) =>
  number(
    name,
    fallback,
    (n) => Number.isInteger(n) && n >= min && n <= max,
    `a whole number from ${min} to ${max}`,
  );

const text = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? fallback : v.trim()));

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const postgresUrl = (name: string) =>
  optionalText.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: `${name} must be a postgres:// URL`,
  });

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  PORT: int('PORT', 3000, 0, 65535),
  HOST: text('127.0.0.1'),
  DATABASE_URL: postgresUrl('DATABASE_URL'),
  DATABASE_READ_URL: postgresUrl('DATABASE_READ_URL'),
  DELIGHT_DATA_DIR: text('.data/pglite'),
  DELIGHT_DEMO: flag('DELIGHT_DEMO', true),
  DELIGHT_REPORTING_CURRENCY: text('EUR').refine((v) => /^[A-Z]{3}$/.test(v), {
    message: 'DELIGHT_REPORTING_CURRENCY must be a 3-letter ISO currency code such as EUR',
  }),
  DELIGHT_SECURE_COOKIES: flag('DELIGHT_SECURE_COOKIES', false),
  DELIGHT_SESSION_TTL_HOURS: number(
    'DELIGHT_SESSION_TTL_HOURS',
    12,
    (n) => n > 0 && n <= 24 * 366,
    'a number of hours above 0 (at most a year)',
  ),
  DELIGHT_MIGRATE: flag('DELIGHT_MIGRATE', true),
  DELIGHT_BUILD_WEB: flag('DELIGHT_BUILD_WEB', true),
  DELIGHT_DB_POOL_SIZE: int('DELIGHT_DB_POOL_SIZE', 10, 1, 1000),
  DELIGHT_DB_STATEMENT_TIMEOUT_MS: int('DELIGHT_DB_STATEMENT_TIMEOUT_MS', 0, 0, 2_147_483_647),
  DELIGHT_DB_IDLE_TIMEOUT_S: int('DELIGHT_DB_IDLE_TIMEOUT_S', 60, 0, 86_400),
  DELIGHT_DB_CONNECT_TIMEOUT_S: int('DELIGHT_DB_CONNECT_TIMEOUT_S', 10, 1, 600),
  DELIGHT_DB_PREPARE: flag('DELIGHT_DB_PREPARE', true),
  DELIGHT_DB_JIT: flag('DELIGHT_DB_JIT', false),
  DELIGHT_READ_MAX_LAG_S: number(
    'DELIGHT_READ_MAX_LAG_S',
    10,
    (n) => n >= 0,
    'a number of seconds (0 or more)',
  ),
  DELIGHT_TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .superRefine((list, ctx) => {
      try {
        proxyaddr.compile(list);
      } catch (err) {
        ctx.addIssue({
          code: 'custom',
          message: `DELIGHT_TRUSTED_PROXIES: ${(err as Error).message} (give addresses or CIDRs, comma-separated, or loopback / linklocal / uniquelocal)`,
        });
      }
    }),
  DELIGHT_LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `DELIGHT_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
    .optional()
    .transform((v) => v ?? 'info'),
  DELIGHT_METRICS: flag('DELIGHT_METRICS', false),
  DELIGHT_METRICS_TOKEN: optionalText.refine((v) => v === undefined || v.length >= 16, {
    message: 'DELIGHT_METRICS_TOKEN must be at least 16 characters',
  }),
  DELIGHT_SHUTDOWN_TIMEOUT_S: int('DELIGHT_SHUTDOWN_TIMEOUT_S', 10, 0, 3600),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface DatabaseSettings {
  /** connections per process (postgres.js pool) */
  poolSize: number;
  /** PostgreSQL statement_timeout in ms; 0 = none */
  statementTimeoutMs: number;
  /** close a pooled connection idle this long (s); 0 = never */
  idleTimeoutSeconds: number;
  connectTimeoutSeconds: number;
  /** named prepared statements; off behind PgBouncer in transaction mode */
  prepare: boolean;
  /** PostgreSQL JIT for the API's connections (default off) */
  jit: boolean;
  /** dashboard reads leave a replica that lags more than this (s) for the primary */
  readMaxLagSeconds: number;
}

export interface Config {
  port: number;
  /** address to listen on; 0.0.0.0 to accept other machines */
  host: string;
  databaseUrl: string | undefined;
  /** a streaming replica for dashboard reads (PostgreSQL only) */
  databaseReadUrl: string | undefined;
  dataDir: string;
  loadDemo: boolean;
  reportingCurrency: string;
  /** Secure cookies need HTTPS; off for plain localhost. */
  secureCookies: boolean;
  sessionTtlHours: number;
  /** apply pending migrations at start (under an advisory lock) */
  migrate: boolean;
  /** `pnpm start` builds web/dist when it is missing or stale; 0 serves what is there */
  buildWeb: boolean;
  database: DatabaseSettings;
  /** proxy-addr trust list: addresses/CIDRs (or loopback, linklocal, uniquelocal) of proxies */
  trustedProxies: string[];
  logLevel: LogLevel;
  /** GET /metrics: off, open (on), or behind a bearer token */
  metrics: { enabled: boolean; token: string | undefined };
  shutdownTimeoutSeconds: number;
}

/** Every problem of the environment at once, one line each. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration error:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? '');
        return i.message.includes(name) ? i.message : `${name}: ${i.message}`;
      }),
    );
  }
  const e = parsed.data;
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) {
    throw new ConfigError(['DATABASE_READ_URL needs DATABASE_URL (the primary) as well']);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    dataDir: resolve(e.DELIGHT_DATA_DIR),
    loadDemo: e.DELIGHT_DEMO,
    reportingCurrency: e.DELIGHT_REPORTING_CURRENCY,
    secureCookies: e.DELIGHT_SECURE_COOKIES,
    sessionTtlHours: e.DELIGHT_SESSION_TTL_HOURS,
    migrate: e.DELIGHT_MIGRATE,
    buildWeb: e.DELIGHT_BUILD_WEB,
    database: {
      poolSize: e.DELIGHT_DB_POOL_SIZE,
      statementTimeoutMs: e.DELIGHT_DB_STATEMENT_TIMEOUT_MS,
      idleTimeoutSeconds: e.DELIGHT_DB_IDLE_TIMEOUT_S,
      connectTimeoutSeconds: e.DELIGHT_DB_CONNECT_TIMEOUT_S,
      prepare: e.DELIGHT_DB_PREPARE,
      jit: e.DELIGHT_DB_JIT,
      readMaxLagSeconds: e.DELIGHT_READ_MAX_LAG_S,
    },
    trustedProxies: e.DELIGHT_TRUSTED_PROXIES,
    logLevel: e.DELIGHT_LOG_LEVEL,
    metrics: {
      enabled: e.DELIGHT_METRICS || e.DELIGHT_METRICS_TOKEN !== undefined,
      token: e.DELIGHT_METRICS_TOKEN,
    },
    shutdownTimeoutSeconds: e.DELIGHT_SHUTDOWN_TIMEOUT_S,
  };
}

/** Test database server, when the integration suite should also run on PostgreSQL. */
export function testDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.TEST_DATABASE_URL || undefined;
}
