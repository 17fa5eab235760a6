import { index, integer, numeric, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { complaints } from './complaints';
import { recoveryKindEnum } from './enums';
import { employees } from './org';

export const recoveryActions = pgTable(
  'recovery_actions',
  {
    id: serial('id').primaryKey(),
    externalId: text('external_id').notNull().unique(),
    complaintId: integer('complaint_id')
      .notNull()
      .references(() => complaints.id),
    kind: recoveryKindEnum('kind').notNull(),
    cost: numeric('cost').notNull(),
    currency: text('currency').notNull(),
    performedAt: timestamp('performed_at', { withTimezone: true, mode: 'string' }).notNull(),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
  },
  (t) => [
    index('recovery_actions_performed_idx').on(t.performedAt),
    index('recovery_actions_complaint_idx').on(t.complaintId),
  ],
);
