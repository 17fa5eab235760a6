import type { AssumptionValues, Db, Executor } from '@delight/db';
import type { Principal } from '../auth/principal';
import { isoDate } from '../lib/period';
import { DEFAULT_ASSUMPTIONS } from './schema';
import { assumptionsAsOf, listAssumptionVersions, saveAssumptions } from './store';

const today = () => isoDate(Date.now());

/** The version in force today and the full history (GET /api/assumptions). */
export async function assumptionsOverview(db: Executor) {
  const [current, versions] = await Promise.all([
    assumptionsAsOf(db, today()),
    listAssumptionVersions(db),
  ]);
  return {
    current: { id: current.id, valid_from: current.validFrom, values: current.values },
    defaults: DEFAULT_ASSUMPTIONS,
    versions: versions.map((v) => ({
      id: v.id,
      valid_from: v.validFrom,
      values: v.values,
      created_at: v.createdAt,
      created_by: v.createdBy,
    })),
  };
}

/**
 * Stores a new version from `validFrom` (default today), with its audit entry in the
 * same transaction so no change goes unlogged. Same values as the version already
 * stored for that date: nothing changes.
 */
export async function updateAssumptions(
  db: Db,
  principal: Principal,
  values: AssumptionValues,
  validFrom: string | undefined,
) {
  const from = validFrom ?? today();
  const saved = await db.transaction((tx) =>
    saveAssumptions(
      tx,
      values,
      from,
      principal.label,
      principal.kind === 'session' ? principal.id : null,
    ),
  );
  return { id: saved.id, created: saved.created, valid_from: from, values };
}
