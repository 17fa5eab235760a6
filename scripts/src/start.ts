import { loadConfig } from '@delight/api';
import { openDatabase } from './database';
import { isEmpty, loadDemo } from './seed';
import { startServer } from './server';
import { buildWebIfNeeded, WEB_DIST } from './web-build';

async function main() {
  const config = loadConfig();
  const database = await openDatabase(config);
  console.log(
    database.kind === 'pglite'
      ? `Database: embedded PGlite in ${config.dataDir}`
      : 'Database: PostgreSQL (DATABASE_URL)',
  );
  let demoUsers: { email: string; password: string; role: string }[] = [];
  const empty = await isEmpty(database);
  if (config.loadDemo && empty) {
    console.log('Empty database: loading the demo company…');
    const demo = await loadDemo(database, { reportingCurrency: config.reportingCurrency });
    demoUsers = demo.users;
    console.log(
      `Demo data loaded: ${Object.entries(demo.imported)
        .map(([f, n]) => `${n} ${f}`)
        .join(', ')}`,
    );
  }
  buildWebIfNeeded();
  const server = await startServer({
    database,
    port: config.port,
    hostname: config.host,
    webDist: WEB_DIST,
    reportingCurrency: config.reportingCurrency,
    secureCookies: config.secureCookies,
    sessionTtlHours: config.sessionTtlHours,
  });
  console.log(`\nDelight Ledger is running at ${server.url}`);
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
  const stop = async () => {
    await server.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
