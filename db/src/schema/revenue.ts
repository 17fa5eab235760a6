import { date, integer, numeric, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { customers } from './customers';

export const revenue = pgTable(
  'revenue',
  {
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    month: date('month').notNull(), // first day of the month
    amount: numeric('amount').notNull(),
    currency: text('currency').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.month] })],
);
