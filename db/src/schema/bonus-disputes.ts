import { index, integer, numeric, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { disputeStatusEnum } from './enums';

/**
 * An employee's dispute of one line of their statement (a KPI line or the proration)
 * in a period; hr resolves it (accepted with an adjustment, or rejected with a reply).
 */
export const bonusDisputes = pgTable(
  'bonus_disputes',
  {
    id: serial('id').primaryKey(),
    period: text('period').notNull(),
    employeeExternalId: text('employee_external_id').notNull(),
    /** the KPI key of the line, or 'proration' */
    line: text('line').notNull(),
    comment: text('comment').notNull(),
    status: disputeStatusEnum('status').notNull().default('open'),
    raisedBy: text('raised_by').notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    resolvedBy: text('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'string' }),
    /** hr's answer, shown on the statement */
    reply: text('reply'),
  },
  (t) => [index('bonus_disputes_period_idx').on(t.period, t.employeeExternalId)],
);

/**
 * A manual adjustment of one employee's bonus in a period (signed, in the employee's
 * currency, at most its minor-unit decimals): its own line of the statement and the CSV.
 */
export const bonusAdjustments = pgTable(
  'bonus_adjustments',
  {
    id: serial('id').primaryKey(),
    period: text('period').notNull(),
    employeeExternalId: text('employee_external_id').notNull(),
    disputeId: integer('dispute_id')
      .unique()
      .references(() => bonusDisputes.id),
    amount: numeric('amount').notNull(),
    currency: text('currency').notNull(),
    reason: text('reason').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' })
      .notNull()
      .defaultNow(),
  },
  (t) => [index('bonus_adjustments_period_idx').on(t.period, t.employeeExternalId)],
);
