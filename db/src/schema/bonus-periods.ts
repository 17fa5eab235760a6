import { integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { periodStatusEnum } from './enums';
import { users } from './users';

export const bonusPeriods = pgTable('bonus_periods', {
  id: serial('id').primaryKey(),
  period: text('period').notNull().unique(), // '2026-Q1', '2026-03', '2026'
  status: periodStatusEnum('status').notNull().default('open'),
  closedAt: timestamp('closed_at', { withTimezone: true, mode: 'string' }),
  closedBy: integer('closed_by').references(() => users.id),
  // plan versions ({key: valid_from}) and assumption version id used by the snapshot
  planVersions: jsonb('plan_versions').$type<Record<string, string>>(),
  assumptionVersionId: integer('assumption_version_id'),
});
