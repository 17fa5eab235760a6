import { integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { bonusPeriods } from './bonus-periods';

/** One immutable row per employee of a closed period: the bonus row exactly as served. */
export const bonusSnapshots = pgTable(
  'bonus_snapshots',
  {
    periodId: integer('period_id')
      .notNull()
      .references(() => bonusPeriods.id),
    employeeExternalId: text('employee_external_id').notNull(),
    position: integer('position').notNull(),
    row: jsonb('row').notNull(),
  },
  (t) => [primaryKey({ columns: [t.periodId, t.employeeExternalId] })],
);
