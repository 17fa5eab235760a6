import { randomBytes } from 'node:crypto';
import { testDatabaseUrl } from '@delight/api';
import { createDb, type Database } from '@delight/db';
import postgres from 'postgres';
import { createCluster } from './pg-cluster';

export type TargetName = 'pglite' | 'postgres';

/** The databases the integration suite runs on: PGlite always, the server when configured. */
export function databaseTargets(): TargetName[] {
  return testDatabaseUrl() ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase {
  database: Database;
  /** URL of the fresh server database (postgres target only), for CLI runs. */
  url?: string;
  drop(): Promise<void>;
}

let ownServer: Promise<string> | undefined;

/**
 * The PostgreSQL server for the `postgres` target: TEST_DATABASE_URL when set, else (for
 * the few files that test PostgreSQL-only behaviour) a throw-away cluster of this test
 * process's own, removed when the process ends.
 */
export function postgresServerUrl(): Promise<string> {
  const configured = testDatabaseUrl();
  if (configured) return Promise.resolve(configured);
  ownServer ??= createCluster().then((cluster) => {
    process.on('exit', () => cluster.remove());
    return cluster.url;
  });
  return ownServer;
}

/** A fresh, migrated database: in-memory PGlite, or a new database on the test server. */
export async function createTestDatabase(target: TargetName): Promise<TestDatabase> {
  if (target === 'pglite') {
    const database = await createDb();
    return { database, drop: () => database.close() };
  }
  const adminUrl = await postgresServerUrl();
  const name = `delight_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await createDb({ url: url.toString() });
  return {
    database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      const admin2 = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await admin2.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await admin2.end();
      }
    },
  };
}
