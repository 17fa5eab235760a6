import { DatabaseUnavailableError } from '@delight/db';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { importJobIsActive } from '../import/jobs';
import { DomainError, databaseUnavailable } from '../lib/errors';
import { describer, json } from '../openapi/describe';

const doc = describer('Health');
const dbKind = z.enum(['pglite', 'postgres']);
const healthAnswer = z.object({ status: z.literal('ok'), db: dbKind });
const migrations = z.object({ known: z.number().int(), pending: z.number().int() });
const readyAnswer = z.object({ status: z.literal('ready'), db: dbKind, migrations });

/** How long a probe waits for the database before calling it down. */
const PROBE_TIMEOUT_MS = 2000;

/**
 * /api/health: liveness of the service and its database, per the contract
 * `{"status":"ok","db":"pglite"|"postgres"}`. It asks the database every time
 * (`select 1`, at most 2 s): while the database does not answer it is a 503 in the
 * error shape, and it is ok again as soon as the database is back (the pool
 * reconnects by itself).
 */
export const healthRoutes = new Hono<AppEnv>().get(
  '/',
  doc({
    summary: 'Liveness: the service and its database answer',
    public: true,
    responses: { 200: json(healthAnswer) },
  }),
  async (c) => {
    const { database } = c.var.deps;
    // an import job of this process holds PGlite's one connection and is making progress
    if (!(database.kind === 'pglite' && importJobIsActive(database.db))) {
      await probe(database.ping(PROBE_TIMEOUT_MS));
    }
    return c.json({ status: 'ok' as const, db: database.kind }, 200);
  },
);

/**
 * /api/ready: whether this replica should get traffic: the database answers and
 * every migration this code knows is applied (a replica started with
 * DELIGHT_MIGRATE=0 waits here until another has migrated).
 */
export const readyRoutes = new Hono<AppEnv>().get(
  '/',
  doc({
    summary: 'Readiness: the database answers and every migration is applied',
    public: true,
    responses: { 200: json(readyAnswer) },
  }),
  async (c) => {
    const { database } = c.var.deps;
    await probe(database.ping(PROBE_TIMEOUT_MS));
    const migrations = await database.migrationStatus();
    if (migrations.pending > 0) {
      throw new DomainError(
        'not_ready',
        `${migrations.pending} of ${migrations.known} database migrations are not applied yet`,
        { migrations },
      );
    }
    return c.json({ status: 'ready' as const, db: database.kind, migrations }, 200);
  },
);

async function probe(ping: Promise<void>): Promise<void> {
  try {
    await ping;
  } catch (err) {
    throw databaseUnavailable(
      err instanceof DatabaseUnavailableError ? err.reason : 'unavailable',
      err,
    );
  }
}
