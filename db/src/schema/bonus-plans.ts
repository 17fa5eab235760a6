import { integer, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { periodKindEnum, roleEnum } from './enums';
import { users } from './users';

/** A plan is identified by its key; its content lives in versions, each effective from a date. */
export const bonusPlans = pgTable(
  'bonus_plans',
  {
    id: serial('id').primaryKey(),
    key: text('key').notNull(),
    role: roleEnum('role').notNull(),
    periodKind: periodKindEnum('period_kind').notNull(),
    // order in which the plan first appeared (plan-file order drives the HR CSV columns)
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' })
      .notNull()
      .defaultNow(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [unique('bonus_plans_key_uq').on(t.key)],
);
