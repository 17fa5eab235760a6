import type { Db } from '@delight/db';
import {
  type AssumptionValues,
  assumptionVersions,
  bonusPeriods,
  type Executor,
} from '@delight/db';
import { desc, eq, lte } from 'drizzle-orm';
import { writeAudit } from '../audit/log';
import { Dec } from '../lib/decimal';
import { DEFAULT_ASSUMPTIONS } from './schema';

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

/**
 * The version a period is valued with. An open period: the version in force at its
 * start (the rule of bonus plans, so one period reads one version throughout). A
 * closed period: the version stored when it was closed, so a later edit, even one
 * dated back, never changes a closed period's figures.
 */
export async function assumptionsForPeriod(
  db: Executor,
  period: { key: string; start: string },
): Promise<AssumptionVersion> {
  const [state] = await (db as Db)
    .select({ status: bonusPeriods.status, versionId: bonusPeriods.assumptionVersionId })
    .from(bonusPeriods)
    .where(eq(bonusPeriods.period, period.key));
  if (state?.status !== 'closed') return assumptionsAsOf(db, period.start);
  const row = state.versionId === null ? null : await assumptionVersionById(db, state.versionId);
  if (!row) return { id: null, validFrom: null, values: DEFAULT_ASSUMPTIONS };
  return { id: row.id, validFrom: row.validFrom, values: row.values };
}

export async function assumptionVersionById(db: Executor, id: number) {
  const [row] = await (db as Db)
    .select()
    .from(assumptionVersions)
    .where(eq(assumptionVersions.id, id));
  return row ?? null;
}

/** Values compared as numbers, so 0.3 and 0.30 are the same assumption. */
const canonical = (v: AssumptionValues) =>
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
  if (inForce.id !== null && canonical(inForce.values) === canonical(values)) {
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
    entity: `assumptions@${validFrom}`,
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
