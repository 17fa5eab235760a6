import { index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { customers } from './customers';
import { severityEnum, validityEnum } from './enums';
import { employees } from './org';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

export const complaints = pgTable(
  'complaints',
  {
    id: serial('id').primaryKey(),
    externalId: text('external_id').notNull().unique(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    openedAt: ts('opened_at').notNull(),
    firstResponseAt: ts('first_response_at'),
    resolvedAt: ts('resolved_at'),
    validity: validityEnum('validity').notNull(),
    severity: severityEnum('severity').notNull(),
    followUpAt: ts('follow_up_at'),
  },
  (t) => [
    index('complaints_opened_idx').on(t.openedAt),
    index('complaints_resolved_idx').on(t.resolvedAt),
    index('complaints_customer_idx').on(t.customerId),
    index('complaints_employee_idx').on(t.employeeId),
  ],
);
