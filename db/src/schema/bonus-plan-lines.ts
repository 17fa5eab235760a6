import { integer, numeric, pgTable, serial, text, unique } from 'drizzle-orm/pg-core';
import { bonusPlanVersions } from './bonus-plan-versions';
import { belowMinEnum } from './enums';

/**
 * One line of a plan version. Its numbers are numeric, not binary floats: they feed
 * pay, and what the admin wrote (0.3) is what the bonus math reads back exactly.
 */
export const bonusPlanLines = pgTable(
  'bonus_plan_lines',
  {
    id: serial('id').primaryKey(),
    versionId: integer('version_id')
      .notNull()
      .references(() => bonusPlanVersions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kpi: text('kpi').notNull(),
    weight: numeric('weight').notNull(),
    threshold: numeric('threshold').notNull(),
    target: numeric('target').notNull(),
    stretch: numeric('stretch').notNull(),
    payoutAtThreshold: numeric('payout_at_threshold').notNull(),
    cap: numeric('cap').notNull(),
    minSample: integer('min_sample').notNull(),
    belowMin: belowMinEnum('below_min').notNull(),
    /** shrinkage prior strength k (DESIGN.md, Fair numbers on small samples); 0 = off */
    shrink: numeric('shrink').notNull().default('0'),
  },
  (t) => [unique('bonus_plan_lines_version_pos_uq').on(t.versionId, t.position)],
);
