import { customers, type Db, employees, type Role, segments } from '@delight/db';
import { eq } from 'drizzle-orm';

/**
 * Row builders for the small hand-made datasets of the integration tests: each
 * inserts one row with plain defaults and returns its id.
 */
export function rowBuilders(db: Db) {
  return {
    employee: async (externalId: string, role: Role, segmentId: number | null = null) => {
      const [row] = await db
        .insert(employees)
        .values({
          externalId,
          name: `Name ${externalId}`,
          email: `${externalId.toLowerCase()}@x.example`,
          role,
          segmentId,
          bonusTarget: '1000.00',
          currency: 'EUR',
          hiredOn: '2020-01-01',
        })
        .returning({ id: employees.id });
      return row!.id;
    },
    segment: async (externalId: string, managerId: number) => {
      const [row] = await db
        .insert(segments)
        .values({ externalId, name: `Segment ${externalId}`, managerId })
        .returning({ id: segments.id });
      return row!.id;
    },
    /** files an employee under a segment (segments need their manager first) */
    assign: (employeeId: number, segmentId: number) =>
      db.update(employees).set({ segmentId }).where(eq(employees.id, employeeId)),
    customer: async (
      externalId: string,
      segmentId: number,
      accountManagerId: number | null,
      acquiredOn: string,
      churnedOn: string | null = null,
    ) => {
      const [row] = await db
        .insert(customers)
        .values({
          externalId,
          name: `Customer ${externalId}`,
          segmentId,
          accountManagerId,
          acquiredOn,
          churnedOn,
        })
        .returning({ id: customers.id });
      return row!.id;
    },
  };
}
