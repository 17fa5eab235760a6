import { type AnyPgColumn, index, integer, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { employees } from './employees';

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
