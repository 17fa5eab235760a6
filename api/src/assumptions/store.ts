import type { Db } from '@delight/db';
import {
  type AssumptionValues,
  assumptionVersions,
  bonusPeriods,
  type Executor,
  queryRows,
} from '@delight/db';
import { desc, eq, lte, sql } from 'drizzle-orm';
import { writeAudit } from '../audit/log';
import { Dec } from '../lib/decimal';
import { DEFAULT_ASSUMPTIONS, EARLIEST_VALID_FROM } from './schema';

export interface AssumptionVersion {
  /** null when no version is stored and the DESIGN.md defaults apply */
  id: number | null;
  validFrom: string | null;
  values: AssumptionValues;
}

/** The version in force on a date: latest valid_from ≤ date, then the latest stored. */
export async function assumptionsAsOf(db: Executor, date: string): Promise<AssumptionVersion> {
  const [row] = await (db as Db)
    .select()
    .from(assumptionVersions)
    .where(lte(assumptionVersions.validFrom, date))
    .orderBy(desc(assumptionVersions.validFrom), desc(assumptionVersions.id))
    .limit(1);
  if (!row) return { id: null, validFrom: null, values: DEFAULT_ASSUMPTIONS };
  return { id: row.id, validFrom: row.validFrom, values: row.values };
}

/** The last day of a period (the day before its end), `YYYY-MM-DD`. */
export const lastDayOf = (period: { end: string }): string =>
  new Date(Date.parse(`${period.end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * The version a period is valued with (docs/money.md, "Which assumptions a period
 * uses"): an open period, the version in force on its last day, so a version saved
 * today (valid from today) changes the running month, quarter and year at once, and a
 * version dated back changes every open period that ends after that date (until a
 * later version takes over). A closed period, the version frozen when it was closed:
 * no later edit, even one dated back, changes a closed period's figures.
 */
export async function assumptionsForPeriod(
  db: Executor,
  period: { key: string; end: string },
): Promise<AssumptionVersion> {
  const [state] = await (db as Db)
    .select({ status: bonusPeriods.status, versionId: bonusPeriods.assumptionVersionId })
    .from(bonusPeriods)
    .where(eq(bonusPeriods.period, period.key));
  if (state?.status !== 'closed') return assumptionsAsOf(db, lastDayOf(period));
  const row = state.versionId === null ? null : await assumptionVersionById(db, state.versionId);
  if (!row) return { id: null, validFrom: null, values: DEFAULT_ASSUMPTIONS };
  return { id: row.id, validFrom: row.validFrom, values: row.values };
}

/** Keys of the closed periods. */
export async function closedPeriodKeys(db: Executor): Promise<Set<string>> {
  const rows = await (db as Db)
    .select({ period: bonusPeriods.period })
    .from(bonusPeriods)
    .where(eq(bonusPeriods.status, 'closed'));
  return new Set(rows.map((r) => r.period));
}

/** The first day with data (revenue month or survey answer), null on an empty database. */
export async function firstDataDay(db: Executor): Promise<string | null> {
  const [row] = await queryRows<{ day: string | null }>(
    db,
    sql`select to_char(least(
          (select min(month)::timestamp from revenue),
          (select min(responded_at) at time zone 'UTC' from responses)), 'YYYY-MM-DD') as day`,
  );
  return row?.day ?? null;
}

export async function assumptionVersionById(db: Executor, id: number) {
  const [row] = await (db as Db)
    .select()
    .from(assumptionVersions)
    .where(eq(assumptionVersions.id, id));
  return row ?? null;
}

/** Values compared as numbers, so 0.3 and 0.30 are the same assumption. */
export const canonicalValues = (v: AssumptionValues) =>
  JSON.stringify(
    [
      v.gross_margin,
      v.horizon_years,
      v.churn_p.promoter,
      v.churn_p.passive,
      v.churn_p.detractor,
      v.churn_p.unknown,
      v.happy_tells,
      v.unhappy_tells,
      v.influence,
    ].map((x) => new Dec(x).toString()),
  );

/**
 * Stores a new version unless the version in force on that date already has the same
 * values: then no date's values would change (re-importing the same file, or saving
 * an unchanged form, adds nothing). Audited, with the values in force before.
 * Returns the id of the version in force afterwards and whether it was created.
 */
export async function saveAssumptions(
  db: Executor,
  values: AssumptionValues,
  validFrom: string,
  actor: string,
  /** users.id of a signed-in editor (null for tokens, the CLI and imports) */
  createdBy: number | null = null,
): Promise<{ id: number; created: boolean }> {
  const inForce = await assumptionsAsOf(db, validFrom);
  if (inForce.id !== null && canonicalValues(inForce.values) === canonicalValues(values)) {
    return { id: inForce.id, created: false };
  }
  const before = inForce.values;
  const [row] = await (db as Db)
    .insert(assumptionVersions)
    .values({ validFrom, values, createdBy })
    .returning({ id: assumptionVersions.id });
  await writeAudit(db, {
    actor,
    action: 'assumptions.update',
    entity:
      validFrom === EARLIEST_VALID_FROM ? 'assumptions@all-history' : `assumptions@${validFrom}`,
    before,
    after: values,
  });
  return { id: row!.id, created: true };
}

/** Every stored version, latest valid_from first (then latest created). */
export async function listAssumptionVersions(db: Executor) {
  return (db as Db)
    .select()
    .from(assumptionVersions)
    .orderBy(desc(assumptionVersions.validFrom), desc(assumptionVersions.id));
}
