import { date, numeric, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/** Units of the reporting currency per 1 unit of `currency`, for one calendar month. */
export const fxRates = pgTable(
  'fx_rates',
  {
    month: date('month').notNull(), // first day of the month
    currency: text('currency').notNull(),
    rate: numeric('rate').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.currency] })],
);
