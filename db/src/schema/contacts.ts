import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { complaints } from './complaints';
import { contactChannelEnum, contactOutcomeEnum } from './enums';
import { employees } from './org';
import { responses } from './responses';

/**
 * One touch of a customer about a response or a complaint (DESIGN.md, Closed loop):
 * loaded from contacts.csv or POST /api/ingest/contacts. Exactly one of response and
 * complaint is set.
 */
export const contacts = pgTable(
  'contacts',
  {
    id: serial('id').primaryKey(),
    externalId: text('external_id').notNull().unique(),
    responseId: integer('response_id').references(() => responses.id),
    complaintId: integer('complaint_id').references(() => complaints.id),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    contactedAt: timestamp('contacted_at', { withTimezone: true, mode: 'string' }).notNull(),
    channel: contactChannelEnum('channel').notNull(),
    outcome: contactOutcomeEnum('outcome').notNull(),
    note: text('note'),
  },
  (t) => [
    check('contacts_one_subject', sql`num_nonnulls(${t.responseId}, ${t.complaintId}) = 1`),
    index('contacts_response_idx').on(t.responseId),
    index('contacts_complaint_idx').on(t.complaintId),
    index('contacts_employee_time_idx').on(t.employeeId, t.contactedAt),
  ],
);
