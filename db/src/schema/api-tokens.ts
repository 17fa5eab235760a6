import { integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { roleEnum, tokenKindEnum } from './enums';
import { employees } from './org';
import { users } from './users';

/** Machine credentials. Only the SHA-256 of the token is stored; the token is shown once. */
export const apiTokens = pgTable('api_tokens', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  prefix: text('prefix').notNull(), // first characters, so an admin can recognise a token
  role: roleEnum('role').notNull(),
  employeeId: integer('employee_id').references(() => employees.id),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'string' }),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  kind: tokenKindEnum('kind').notNull().default('api'),
  /** null: never expires */
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }),
  /** the user who created it (null: the CLI); a disabled creator disables the token */
  createdBy: integer('created_by').references(() => users.id),
});
