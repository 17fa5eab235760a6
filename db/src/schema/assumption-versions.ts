import { date, integer, jsonb, pgTable, serial, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * Money-model assumptions. Values are kept as decimal strings so that the money
 * model can stay exact; the version in force for a period is the latest one with
 * valid_from <= period start (ties: the latest created).
 */
export interface AssumptionValues {
  gross_margin: string;
  horizon_years: string;
  churn_p: { promoter: string; passive: string; detractor: string; unknown: string };
  happy_tells: string;
  unhappy_tells: string;
  influence: string;
}

export const assumptionVersions = pgTable('assumption_versions', {
  id: serial('id').primaryKey(),
  validFrom: date('valid_from').notNull(),
  values: jsonb('values').$type<AssumptionValues>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  createdBy: integer('created_by').references(() => users.id),
});
