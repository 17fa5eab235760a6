import {
  type AnyPgColumn,
  boolean,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { roleEnum } from './enums';
import { employees } from './org';

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  email: text('email').notNull().unique(),
  employeeId: integer('employee_id').references((): AnyPgColumn => employees.id),
  role: roleEnum('role').notNull(),
  passwordHash: text('password_hash').notNull(),
  disabled: boolean('disabled').notNull().default(false),
  /** the language the person chose in the dashboard (en, ru, uk, lv, bg); null: not chosen yet */
  locale: text('locale'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});
