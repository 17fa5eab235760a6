import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('configuration (one zod schema)', () => {
  it('has a default for every setting', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      databaseReadUrl: undefined,
      loadDemo: true,
      reportingCurrency: 'EUR',
      secureCookies: false,
      sessionTtlHours: 12,
      migrate: true,
      buildWeb: true,
      database: {
        poolSize: 10,
        statementTimeoutMs: 0,
        idleTimeoutSeconds: 60,
        connectTimeoutSeconds: 10,
        prepare: true,
        jit: false,
        readMaxLagSeconds: 10,
      },
      trustedProxies: [],
      logLevel: 'info',
      metrics: { enabled: false, token: undefined },
      shutdownTimeoutSeconds: 10,
    });
  });

  it('reads the values it is given', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db/x',
      DATABASE_READ_URL: 'postgresql://u@replica/x',
      DELIGHT_DEMO: '0',
      DELIGHT_SESSION_TTL_HOURS: '0.5',
      DELIGHT_DB_PREPARE: 'off',
      DELIGHT_DB_JIT: 'on',
      DELIGHT_DB_POOL_SIZE: '25',
      DELIGHT_DB_STATEMENT_TIMEOUT_MS: '30000',
      DELIGHT_TRUSTED_PROXIES: 'loopback, 10.0.0.0/8',
      DELIGHT_METRICS_TOKEN: 'a-long-enough-token',
      DELIGHT_LOG_LEVEL: 'warn',
    });
    expect(c).toMatchObject({
      port: 8080,
      databaseReadUrl: 'postgresql://u@replica/x',
      loadDemo: false,
      sessionTtlHours: 0.5,
      database: { prepare: false, jit: true, poolSize: 25, statementTimeoutMs: 30000 },
      trustedProxies: ['loopback', '10.0.0.0/8'],
      metrics: { enabled: true, token: 'a-long-enough-token' },
      logLevel: 'warn',
    });
  });

  it('refuses bad values, naming the variable and the value, all at once', () => {
    expect(problems({ DELIGHT_SESSION_TTL_HOURS: 'abc' })).toEqual([
      'DELIGHT_SESSION_TTL_HOURS must be a number of hours above 0 (at most a year), got "abc"',
    ]);
    expect(
      problems({
        PORT: '70000',
        DELIGHT_DEMO: 'maybe',
        DATABASE_URL: 'mysql://x',
        DELIGHT_LOG_LEVEL: 'loud',
        DELIGHT_REPORTING_CURRENCY: 'euro',
      }),
    ).toEqual([
      'PORT must be a whole number from 0 to 65535, got "70000"',
      'DATABASE_URL must be a postgres:// URL',
      'DELIGHT_DEMO must be 1 or 0 (on/off), got "maybe"',
      'DELIGHT_REPORTING_CURRENCY must be a 3-letter ISO currency code such as EUR',
      'DELIGHT_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    ]);
    expect(problems({ DELIGHT_TRUSTED_PROXIES: '10.0.0.0/99' })[0]).toMatch(
      /^DELIGHT_TRUSTED_PROXIES: .*10\.0\.0\.0\/99/,
    );
    expect(problems({ DATABASE_READ_URL: 'postgres://r/x' })).toEqual([
      'DATABASE_READ_URL needs DATABASE_URL (the primary) as well',
    ]);
    expect(problems({ DELIGHT_METRICS_TOKEN: 'short' })).toEqual([
      'DELIGHT_METRICS_TOKEN must be at least 16 characters',
    ]);
  });
});
