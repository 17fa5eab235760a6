/**
 * The app server of the endpoint phase, as its own process so that its memory is its
 * own: the real HTTP API (startServer, without the dashboard files) on the configured
 * database, with an admin API token created for the benchmark. Prints one JSON line
 * `{ "url", "token" }` when it listens. Run by the benchmark, not by hand.
 */
import { loadConfig } from '@delight/api';
import { createApiToken } from '@delight/api/auth';
import { openDatabase } from '../database';
import { startServer } from '../server';

const config = loadConfig();
const database = await openDatabase(config);
const { token } = await createApiToken(database.db, {
  role: 'admin',
  employee: null,
  name: `bench-scale ${process.pid}`,
});
const server = await startServer({
  database,
  port: config.port,
  hostname: config.host,
  reportingCurrency: config.reportingCurrency,
});
process.stdout.write(`${JSON.stringify({ url: server.url, token })}\n`);

// keep-alive connections of the benchmark's client would hold close() open: bounded wait
const stop = async () => {
  await Promise.race([server.close(), new Promise((done) => setTimeout(done, 2000))]);
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
