import {
  type AnyPgColumn,
  date,
  index,
  integer,
  numeric,
  pgTable,
  serial,
  text,
} from 'drizzle-orm/pg-core';
import { roleEnum } from './enums';

// Employees and segments reference each other (an employee works in a segment; a
// segment has a managing employee), so both tables live in this one module: two
// modules would import each other.

export const employees = pgTable(
  'employees',
  {
    id: serial('id').primaryKey(),
    externalId: text('external_id').notNull().unique(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    role: roleEnum('role').notNull(),
    // employees and segments reference each other; the import writes both, then checks.
    segmentId: integer('segment_id').references((): AnyPgColumn => segments.id),
    bonusTarget: numeric('bonus_target').notNull(),
    currency: text('currency').notNull(),
    hiredOn: date('hired_on').notNull(),
    leftOn: date('left_on'),
  },
  (t) => [index('employees_segment_idx').on(t.segmentId), index('employees_role_idx').on(t.role)],
);

export const segments = pgTable(
  'segments',
  {
    id: serial('id').primaryKey(),
    externalId: text('external_id').notNull().unique(),
    name: text('name').notNull(),
    managerId: integer('manager_id')
      .notNull()
      .references((): AnyPgColumn => employees.id),
  },
  (t) => [index('segments_manager_idx').on(t.managerId)],
);
