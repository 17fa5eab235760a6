import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Idempotency keys of POST /api/ingest/*: the first answer per (caller, key), stored in
 * the transaction that wrote the batch, so a repeat returns it and writes nothing.
 */
export const ingestRequests = pgTable('ingest_requests', {
  /** `<principal kind>:<principal id>:<Idempotency-Key>` */
  key: text('key').primaryKey(),
  endpoint: text('endpoint').notNull(),
  bodyHash: text('body_hash').notNull(),
  status: integer('status').notNull(),
  response: jsonb('response').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});
