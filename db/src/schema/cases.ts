import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { caseCloseReasonEnum, caseEventEnum, caseSubjectEnum } from './enums';
import { employees } from './org';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/**
 * What people decided about a case (DESIGN.md, Closed loop). A case itself is not
 * stored: it is every NPS response 0–6 and every valid complaint, read from those
 * tables, so it can never drift from imported data. Only the decisions that exist
 * nowhere else live here: an owner other than the default, and the closing.
 * One row per case that has any decision; `subject_id` is responses.id or complaints.id.
 */
export const caseStates = pgTable(
  'case_states',
  {
    subject: caseSubjectEnum('subject').notNull(),
    subjectId: integer('subject_id').notNull(),
    /** null: the default owner (account manager, else the segment's manager) */
    ownerId: integer('owner_id').references(() => employees.id),
    closedAt: ts('closed_at'),
    closeReason: caseCloseReasonEnum('close_reason'),
    closedBy: integer('closed_by').references(() => employees.id),
    closeNote: text('close_note'),
  },
  (t) => [
    primaryKey({ columns: [t.subject, t.subjectId] }),
    index('case_states_owner_idx').on(t.ownerId),
    check('case_states_closed_whole', sql`(${t.closedAt} is null) = (${t.closeReason} is null)`),
  ],
);

/** The case decisions in order (reassigned, closed, reopened): the part of a case's history not in contacts and actions. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    subject: caseSubjectEnum('subject').notNull(),
    subjectId: integer('subject_id').notNull(),
    at: ts('at').notNull().defaultNow(),
    /** who, as in the audit log */
    actor: text('actor').notNull(),
    event: caseEventEnum('event').notNull(),
    ownerId: integer('owner_id').references(() => employees.id),
    reason: caseCloseReasonEnum('reason'),
    note: text('note'),
  },
  (t) => [index('case_events_subject_idx').on(t.subject, t.subjectId, t.at)],
);
