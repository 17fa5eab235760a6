import { index, integer, pgTable, serial, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { customers } from './customers';
import { responseKindEnum } from './enums';
import { employees } from './org';

export const responses = pgTable(
  'responses',
  {
    id: serial('id').primaryKey(),
    externalId: text('external_id').notNull().unique(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    employeeId: integer('employee_id').references(() => employees.id),
    kind: responseKindEnum('kind').notNull(),
    score: smallint('score').notNull(),
    respondedAt: timestamp('responded_at', { withTimezone: true, mode: 'string' }).notNull(),
    comment: text('comment'),
  },
  (t) => [
    index('responses_kind_time_idx').on(t.kind, t.respondedAt),
    index('responses_employee_time_idx').on(t.employeeId, t.respondedAt),
    index('responses_customer_time_idx').on(t.customerId, t.respondedAt),
  ],
);
