import type { AssumptionValues, Db, Executor } from '@delight/db';
import type { Principal } from '../auth/principal';
import { reviewRuns } from '../bonus/approval';
import { ASSUMPTIONS_RULE } from './preview';
import { DEFAULT_ASSUMPTIONS, EARLIEST_VALID_FROM } from './schema';
import { assumptionsAsOf, listAssumptionVersions, saveAssumptions } from './store';

/** A stored date, or null for "all history" (versions loaded without a date). */
const shownDate = (d: string | null) => (d === EARLIEST_VALID_FROM ? null : d);

/** "In force since 1 April 2026", "In force for all history", "DESIGN.md defaults". */
function inForceText(id: number | null, validFrom: string | null): string {
  if (id === null) return 'The standard defaults apply: no version has been saved.';
  const d = shownDate(validFrom);
  return d === null ? 'In force for all history (saved without a date).' : `In force since ${d}.`;
}

/** The version in force today and the full history (GET /api/assumptions). */
export async function assumptionsOverview(db: Executor, today: string) {
  const [current, versions] = await Promise.all([
    assumptionsAsOf(db, today),
    listAssumptionVersions(db),
  ]);
  return {
    current: {
      id: current.id,
      /** null: the version applies to all history (or no version is stored, `id` null) */
      valid_from: shownDate(current.validFrom),
      all_history: current.id !== null && shownDate(current.validFrom) === null,
      in_force_text: inForceText(current.id, current.validFrom),
      values: current.values,
    },
    rule: ASSUMPTIONS_RULE,
    defaults: DEFAULT_ASSUMPTIONS,
    versions: versions.map((v) => ({
      id: v.id,
      valid_from: shownDate(v.validFrom),
      all_history: shownDate(v.validFrom) === null,
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
  today: string,
) {
  const from = validFrom ?? today;
  const saved = await db.transaction(async (tx) => {
    const result = await saveAssumptions(
      tx,
      values,
      from,
      principal.label,
      principal.kind === 'session' ? principal.id : null,
    );
    await reviewRuns(tx, { actor: principal.label, cause: 'A change to the assumptions' });
    return result;
  });
  return { id: saved.id, created: saved.created, valid_from: shownDate(from), values };
}
