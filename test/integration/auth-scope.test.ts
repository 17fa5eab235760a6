import { authorizedScope, canSeeScope, type Principal } from '@delight/api/auth';
import { type Db, employees, type Role, segments } from '@delight/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../src/databases';

/**
 * The scope rule itself (docs/access.md), on a hand-made company: M1 manages SA and SB,
 * M2 manages SC; agents A1 (SA), A2 (SB), A3 (SC). M1's own employee segment is SC: it
 * plays no part in M1's manager scope (segments.manager decides), but puts M1 in M2's team.
 */
describe.each(databaseTargets())('canSeeScope / authorizedScope on %s', (target) => {
  let tdb: TestDatabase;
  let db: Db;
  const ids: Record<string, number> = {};

  const principal = (role: Role, employee: string | null): Principal => ({
    kind: 'token',
    id: 1,
    label: 'test',
    role,
    employeeId: employee ? ids[employee]! : null,
    employeeExternalId: employee,
  });

  beforeAll(async () => {
    tdb = await createTestDatabase(target);
    db = tdb.database.db;
    const emp = async (externalId: string, role: Role) => {
      const [row] = await db
        .insert(employees)
        .values({
          externalId,
          name: externalId,
          email: `${externalId}@x.example`,
          role,
          bonusTarget: '1',
          currency: 'EUR',
          hiredOn: '2020-01-01',
        })
        .returning({ id: employees.id });
      ids[externalId] = row!.id;
    };
    await emp('M1', 'segment_manager');
    await emp('M2', 'segment_manager');
    for (const [s, m] of [
      ['SA', 'M1'],
      ['SB', 'M1'],
      ['SC', 'M2'],
    ] as const) {
      const [row] = await db
        .insert(segments)
        .values({ externalId: s, name: s, managerId: ids[m]! })
        .returning({ id: segments.id });
      ids[s] = row!.id;
    }
    for (const [a, s] of [
      ['A1', 'SA'],
      ['A2', 'SB'],
      ['A3', 'SC'],
    ] as const) {
      await emp(a, 'agent');
      await db.update(employees).set({ segmentId: ids[s]! }).where(eq(employees.id, ids[a]!));
    }
    await db.update(employees).set({ segmentId: ids.SC! }).where(eq(employees.id, ids.M1!));
  });
  afterAll(() => tdb.drop());

  const SCOPES = [
    'company',
    'segment:SA',
    'segment:SB',
    'segment:SC',
    'manager:M1',
    'manager:M2',
    'employee:M1',
    'employee:A1',
    'employee:A2',
    'employee:A3',
  ] as const;

  // [role, employee, data] → the scopes that are visible; every other one is not.
  const TABLE: [Role, string | null, 'kpis' | 'money', string[]][] = [
    ['admin', null, 'kpis', [...SCOPES]],
    ['admin', null, 'money', [...SCOPES]],
    ['executive', null, 'kpis', [...SCOPES]],
    ['executive', null, 'money', [...SCOPES]],
    [
      'hr',
      null,
      'kpis',
      ['manager:M1', 'manager:M2', 'employee:M1', 'employee:A1', 'employee:A2', 'employee:A3'],
    ],
    ['hr', null, 'money', []],
    [
      'segment_manager',
      'M1',
      'kpis',
      ['segment:SA', 'segment:SB', 'manager:M1', 'employee:M1', 'employee:A1', 'employee:A2'],
    ],
    [
      'segment_manager',
      'M1',
      'money',
      ['segment:SA', 'segment:SB', 'manager:M1', 'employee:M1', 'employee:A1', 'employee:A2'],
    ],
    // Team = employees whose employees.csv segment M2 manages: A3, and M1 too (segment SC).
    ['segment_manager', 'M2', 'kpis', ['segment:SC', 'manager:M2', 'employee:M1', 'employee:A3']],
    ['segment_manager', null, 'kpis', []], // a manager login not linked to an employee sees nothing
    ['agent', 'A1', 'kpis', ['employee:A1']],
    ['agent', 'A1', 'money', ['employee:A1']],
    ['agent', null, 'kpis', []],
  ];

  it.each(TABLE)('%s %s, %s', async (role, employee, data, visible) => {
    const p = principal(role, employee);
    const seen: string[] = [];
    for (const text of SCOPES) {
      const [kind, id] = text.split(':') as
        | ['company']
        | ['segment' | 'manager' | 'employee', string];
      const scope = kind === 'company' ? { kind, dbId: null } : { kind, id: id!, dbId: ids[id!]! };
      if (await canSeeScope(db, p, scope, data)) seen.push(text);
    }
    expect(seen).toEqual(visible);
  });

  it('authorizedScope: an unknown id is a 403 to limited roles (no existence leak), a 404 to admin and executive', async () => {
    const unknown = { kind: 'employee' as const, id: 'E404' };
    for (const [role, employee] of [
      ['agent', 'A1'],
      ['segment_manager', 'M1'],
      ['hr', null],
    ] as const) {
      await expect(
        authorizedScope(db, principal(role, employee), unknown, 'kpis'),
      ).rejects.toMatchObject({ code: 'forbidden' });
      // Same answer as for an id that exists but is foreign.
      await expect(
        authorizedScope(db, principal(role, employee), { kind: 'segment', id: 'SC' }, 'kpis'),
      ).rejects.toMatchObject({ code: 'forbidden' });
    }
    for (const role of ['admin', 'executive'] as const) {
      await expect(
        authorizedScope(db, principal(role, null), unknown, 'kpis'),
      ).rejects.toMatchObject({ code: 'not_found' });
    }
    await expect(
      authorizedScope(db, principal('agent', 'A1'), { kind: 'employee', id: 'A1' }, 'money'),
    ).resolves.toEqual({
      kind: 'employee',
      id: 'A1',
      dbId: ids.A1,
    });
  });
});
