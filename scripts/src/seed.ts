import { createUser } from '@delight/api/auth';
import { importFiles } from '@delight/api/import';
import { type Database, queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import { closeDemoCases } from './demo/cases';
import { type DemoUser, generateDemo } from './demo/index';

/** Whether nothing has been imported yet (no employees). */
export async function isEmpty(database: Database): Promise<boolean> {
  const [row] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from employees`,
  );
  return row!.n === 0;
}

/**
 * Loads the deterministic demo company through the normal importer (so it is
 * validated like any upload) and creates one sign-in per role.
 */
export async function loadDemo(
  database: Database,
  options: { asOf?: string; reportingCurrency?: string } = {},
): Promise<{ users: DemoUser[]; imported: Record<string, number> }> {
  const demo = generateDemo(options.asOf ? { asOf: options.asOf } : {});
  const result = await importFiles(database.db, demo.files, {
    actor: 'demo',
    reportingCurrency: options.reportingCurrency ?? 'EUR',
  });
  await closeDemoCases(database.db, options.asOf ?? new Date().toISOString().slice(0, 10));
  for (const user of demo.users) {
    await createUser(database.db, user);
  }
  return { users: demo.users, imported: result.imported };
}
