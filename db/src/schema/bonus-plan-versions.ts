import { date, index, integer, pgTable, serial, timestamp, unique } from 'drizzle-orm/pg-core';
import { bonusPlans } from './bonus-plans';
import { users } from './users';

export const bonusPlanVersions = pgTable(
  'bonus_plan_versions',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => bonusPlans.id),
    validFrom: date('valid_from').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' })
      .notNull()
      .defaultNow(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [
    unique('bonus_plan_versions_plan_from_uq').on(t.planId, t.validFrom),
    index('bonus_plan_versions_from_idx').on(t.validFrom),
  ],
);
