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
  // sign-off (docs/bonus.md, Approval): who moved the run, as the audit log's actor label
  submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'string' }),
  submittedBy: text('submitted_by'),
  approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'string' }),
  approvedBy: text('approved_by'),
  /** sha-256 of the run (rows, plan and assumption versions) as submitted */
  fingerprint: text('fingerprint'),
  /** the run's totals per currency as submitted (the reason of a send-back quotes them) */
  runTotals: jsonb('run_totals'),
  /** why the run was last sent back to open, and when */
  reopenReason: text('reopen_reason'),
  reopenedAt: timestamp('reopened_at', { withTimezone: true, mode: 'string' }),
});
