import { createLogger, createMetrics, loadConfig } from '@delight/api';
import { openDatabase } from './database';
import { Lifecycle } from './lifecycle';
import { isEmpty, loadDemo } from './seed';
import { startServer } from './server';
import { buildWebIfNeeded, WEB_DIST } from './web-build';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const lifecycle = new Lifecycle(logger, config.shutdownTimeoutSeconds * 1000).watch();
  // A database that drops a connection must not end the process: the request that
  // used it gets its 503, the pool reconnects. Anything unhandled is logged, loudly.
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
  // postgres.js can throw from a socket callback when the server vanishes mid-stream
  // (issue 11 point 3): that connection is lost, the pool is not; the process stays up.
  // Any other uncaught exception leaves the process in an unknown state: stop cleanly.
  process.on('uncaughtException', (err) => {
    if (/node_modules[\\/](\.pnpm[\\/])?postgres/.test(err.stack ?? '')) {
      logger.error({ err }, 'database driver error outside a request; the process stays up');
      return;
    }
    logger.fatal({ err }, 'uncaught exception');
    void lifecycle.stop('uncaught exception', true);
  });

  const database = await openDatabase(config);
  lifecycle.add('database closed', () => database.close());
  logger.info(
    { db: database.kind, replica: Boolean(config.databaseReadUrl) },
    database.kind === 'pglite'
      ? `Database: embedded PGlite in ${config.dataDir}`
      : `Database: PostgreSQL (DATABASE_URL)${config.databaseReadUrl ? ', reads may use DATABASE_READ_URL' : ''}`,
  );
  let demoUsers: { email: string; password: string; role: string }[] = [];
  const empty = await isEmpty(database);
  if (config.loadDemo && empty) {
    logger.info('Empty database: loading the demo company…');
    const demo = await loadDemo(database, { reportingCurrency: config.reportingCurrency });
    demoUsers = demo.users;
    logger.info({ imported: demo.imported }, 'Demo data loaded');
  }
  if (config.buildWeb) buildWebIfNeeded();
  const server = await startServer({
    database,
    port: config.port,
    hostname: config.host,
    webDist: WEB_DIST,
    reportingCurrency: config.reportingCurrency,
    secureCookies: config.secureCookies,
    sessionTtlHours: config.sessionTtlHours,
    logger,
    metrics: createMetrics(database, { processMetrics: true }),
    metricsAccess: config.metrics,
    trustedProxies: config.trustedProxies,
  });
  lifecycle.add('server closed', () => server.close());
  logger.info({ url: server.url }, `Delight Ledger is running at ${server.url}`);
  // The banner is for the person who ran `pnpm start`, as plain lines (the demo
  // sign-ins are public, in the README); everything else is a JSON log line.
  if (demoUsers.length > 0) {
    console.log('Demo sign-ins:');
    for (const u of demoUsers)
      console.log(`  ${u.role.padEnd(16)} ${u.email.padEnd(28)} ${u.password}`);
  } else if (!empty) {
    console.log('Sign in with your account (demo sign-ins are listed in the README).');
  } else {
    console.log(
      'The database is empty: import your files (pnpm delight import DIR) and create users.',
    );
  }
}

main().catch((err: unknown) => {
  // a bad setting (ConfigError) or a failed start: its message, no stack
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
