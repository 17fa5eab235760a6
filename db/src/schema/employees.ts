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
import { segments } from './segments';

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
