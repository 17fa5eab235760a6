import { boolean, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A survey tool that may post responses to POST /api/webhooks/{name}: its kind
 * (delighted, typeform, generic), the shared secret its signatures are checked with
 * (kept here, on the server; the admin API never shows it again) and the field mapping
 * (which answer is the score, which field the customer id, which the employee).
 */
export const webhookSources = pgTable('webhook_sources', {
  id: serial('id').primaryKey(),
  /** the {source} of the URL: lowercase letters, digits and dashes */
  name: text('name').notNull().unique(),
  kind: text('kind', { enum: ['delighted', 'typeform', 'generic'] }).notNull(),
  secret: text('secret').notNull(),
  mapping: jsonb('mapping').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});
