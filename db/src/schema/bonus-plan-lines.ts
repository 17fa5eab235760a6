import { doublePrecision, integer, pgTable, serial, text, unique } from 'drizzle-orm/pg-core';
import { bonusPlanVersions } from './bonus-plan-versions';
import { belowMinEnum } from './enums';

export const bonusPlanLines = pgTable(
  'bonus_plan_lines',
  {
    id: serial('id').primaryKey(),
    versionId: integer('version_id')
      .notNull()
      .references(() => bonusPlanVersions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kpi: text('kpi').notNull(),
    weight: doublePrecision('weight').notNull(),
    threshold: doublePrecision('threshold').notNull(),
    target: doublePrecision('target').notNull(),
    stretch: doublePrecision('stretch').notNull(),
    payoutAtThreshold: doublePrecision('payout_at_threshold').notNull(),
    cap: doublePrecision('cap').notNull(),
    minSample: integer('min_sample').notNull(),
    belowMin: belowMinEnum('below_min').notNull(),
  },
  (t) => [unique('bonus_plan_lines_version_pos_uq').on(t.versionId, t.position)],
);
