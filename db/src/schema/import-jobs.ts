import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Imports run as jobs off the request path (POST /api/import?async=1): one row per job,
 * written when it is queued and when it ends, so its answer outlives the process. While
 * it runs, its progress lives in the process that runs it (`instance`), which also
 * touches `heartbeat_at`; a job left queued or running by a process that is gone is
 * reported failed.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: text('id').primaryKey(),
    /** who asked: the principal's kind (session, token) and id */
    ownerKind: text('owner_kind').notNull(),
    ownerId: integer('owner_id').notNull(),
    /** queued, running, succeeded, failed */
    state: text('state').notNull(),
    /** per-file progress at the end: rows read, rows per second */
    files: jsonb('files').notNull().default([]),
    /** at the end: the HTTP status and body the synchronous import answers */
    status: integer('status'),
    body: jsonb('body'),
    /** the process that runs it */
    instance: text('instance').notNull(),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true, mode: 'string' })
      .notNull()
      .defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' })
      .notNull()
      .defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('import_jobs_state_idx').on(t.state)],
);
