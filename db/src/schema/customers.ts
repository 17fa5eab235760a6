import { date, index, integer, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { employees, segments } from './org';

export const customers = pgTable(
  'customers',
  {
    id: serial('id').primaryKey(),
    externalId: text('external_id').notNull().unique(),
    name: text('name').notNull(),
    segmentId: integer('segment_id')
      .notNull()
      .references(() => segments.id),
    accountManagerId: integer('account_manager_id').references(() => employees.id),
    acquiredOn: date('acquired_on').notNull(),
    churnedOn: date('churned_on'),
  },
  (t) => [
    index('customers_segment_idx').on(t.segmentId),
    index('customers_account_manager_idx').on(t.accountManagerId),
  ],
);
