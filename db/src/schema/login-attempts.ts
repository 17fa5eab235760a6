import { bigserial, boolean, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Recent sign-in attempts, for rate limiting per account and per address. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    address: text('address').notNull(),
    success: boolean('success').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('login_attempts_email_idx').on(t.email, t.at),
    index('login_attempts_address_idx').on(t.address, t.at),
  ],
);
