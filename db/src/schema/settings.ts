import { pgTable, text } from 'drizzle-orm/pg-core';

/** Small key/value settings, e.g. `reporting_currency`. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
