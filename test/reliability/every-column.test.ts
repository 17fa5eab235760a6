import { importFiles } from '@delight/api/import';
import { queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { goldenFile, importGolden } from '../src/golden';

/**
 * Issue 11.1: a re-import answered "updated" and kept the old values (the upsert's
 * update list was keyed by SQL column names, which drizzle ignored). For every file,
 * one row gets every non-key column changed, is re-imported, and is read back from the
 * database (and through the API where the API shows the column); then every optional
 * column is cleared again and read back empty.
 */

/** The file with the row of `key` (its first cell) replaced. */
function withRow(file: string, key: string, row: string, text = goldenFile(file)): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.startsWith(`${key},`));
  if (i < 0) throw new Error(`${file} has no row ${key}`);
  lines[i] = row;
  return lines.join('\n');
}

interface Case {
  file: string;
  key: string;
  /** the row with every non-key column changed */
  changed: string;
  /** the row with every optional column emptied (where the file has any) */
  cleared?: string;
  /** the stored row by external keys, as text */
  read: (key: string) => ReturnType<typeof sql>;
  changedRead: (string | null)[];
  clearedRead?: (string | null)[];
}

const ts = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "${column}"`;

const CASES: Case[] = [
  {
    file: 'employees.csv',
    key: 'E006',
    changed:
      'E006,Renamed Agent,renamed@x.example,segment_manager,S2,1234.56,UAH,2019-03-04,2026-05-31',
    cleared: 'E006,Renamed Agent,renamed@x.example,segment_manager,,1234.56,UAH,2019-03-04,',
    read: (k) =>
      sql`select e.name, e.email, e.role::text, s.external_id, e.bonus_target::text, e.currency, e.hired_on::text, e.left_on::text
          from employees e left join segments s on s.id = e.segment_id where e.external_id = ${k}`,
    changedRead: [
      'Renamed Agent',
      'renamed@x.example',
      'segment_manager',
      'S2',
      '1234.56',
      'UAH',
      '2019-03-04',
      '2026-05-31',
    ],
    clearedRead: [
      'Renamed Agent',
      'renamed@x.example',
      'segment_manager',
      null,
      '1234.56',
      'UAH',
      '2019-03-04',
      null,
    ],
  },
  {
    file: 'segments.csv',
    key: 'S3',
    changed: 'S3,Renamed segment,E004',
    read: (k) =>
      sql`select s.name, m.external_id from segments s join employees m on m.id = s.manager_id where s.external_id = ${k}`,
    changedRead: ['Renamed segment', 'E004'],
  },
  {
    file: 'customers.csv',
    key: 'C0002',
    changed: 'C0002,Renamed customer,S3,E009,2022-01-01,2026-07-15',
    cleared: 'C0002,Renamed customer,S3,,2022-01-01,',
    read: (k) =>
      sql`select c.name, s.external_id, a.external_id as am, c.acquired_on::text, c.churned_on::text
          from customers c join segments s on s.id = c.segment_id left join employees a on a.id = c.account_manager_id
          where c.external_id = ${k}`,
    changedRead: ['Renamed customer', 'S3', 'E009', '2022-01-01', '2026-07-15'],
    clearedRead: ['Renamed customer', 'S3', null, '2022-01-01', null],
  },
  {
    file: 'fx_rates.csv',
    key: '2025-01,BGN',
    changed: '2025-01,BGN,0.5',
    read: () =>
      sql`select rate::text from fx_rates where month = '2025-01-01' and currency = 'BGN'`,
    changedRead: ['0.5'],
  },
  {
    file: 'revenue.csv',
    key: 'C0001,2026-03',
    changed: 'C0001,2026-03,99.99,UAH',
    read: () =>
      sql`select r.amount::text, r.currency from revenue r join customers c on c.id = r.customer_id
          where c.external_id = 'C0001' and r.month = '2026-03-01'`,
    changedRead: ['99.99', 'UAH'],
  },
  {
    file: 'responses.csv',
    key: 'R000001',
    changed: 'R000001,C0002,E006,nps,9,2025-02-03T04:05:06Z,a new comment',
    cleared: 'R000001,C0002,,nps,9,2025-02-03T04:05:06Z,',
    read: (k) =>
      sql`select c.external_id, e.external_id as employee, r.kind::text, r.score::text, ${sql.raw(ts('r.responded_at'))}, r.comment
          from responses r join customers c on c.id = r.customer_id left join employees e on e.id = r.employee_id
          where r.external_id = ${k}`,
    changedRead: ['C0002', 'E006', 'nps', '9', '2025-02-03T04:05:06Z', 'a new comment'],
    clearedRead: ['C0002', null, 'nps', '9', '2025-02-03T04:05:06Z', null],
  },
  {
    file: 'complaints.csv',
    key: 'K00001',
    changed:
      'K00001,C0002,E006,2025-02-10T01:00:00Z,2025-02-10T02:00:00Z,2025-02-11T03:00:00Z,pending,high,2025-02-12T04:00:00Z',
    cleared: 'K00001,C0002,E006,2025-02-10T01:00:00Z,,,pending,high,',
    read: (k) =>
      sql`select c.external_id, e.external_id as employee, ${sql.raw(ts('k.opened_at'))}, ${sql.raw(ts('k.first_response_at'))},
                 ${sql.raw(ts('k.resolved_at'))}, k.validity::text, k.severity::text, ${sql.raw(ts('k.follow_up_at'))}
          from complaints k join customers c on c.id = k.customer_id join employees e on e.id = k.employee_id
          where k.external_id = ${k}`,
    changedRead: [
      'C0002',
      'E006',
      '2025-02-10T01:00:00Z',
      '2025-02-10T02:00:00Z',
      '2025-02-11T03:00:00Z',
      'pending',
      'high',
      '2025-02-12T04:00:00Z',
    ],
    clearedRead: ['C0002', 'E006', '2025-02-10T01:00:00Z', null, null, 'pending', 'high', null],
  },
  {
    file: 'recovery_actions.csv',
    key: 'A00001',
    changed: 'A00001,K00002,gift,7.25,BGN,2026-01-13T10:00:00Z,E006',
    read: (k) =>
      sql`select k.external_id, a.kind::text, a.cost::text, a.currency, ${sql.raw(ts('a.performed_at'))}, e.external_id as employee
          from recovery_actions a join complaints k on k.id = a.complaint_id join employees e on e.id = a.employee_id
          where a.external_id = ${k}`,
    changedRead: ['K00002', 'gift', '7.25', 'BGN', '2026-01-13T10:00:00Z', 'E006'],
  },
  {
    file: 'contacts.csv',
    key: 'T1',
    changed: 'T1,,K00003,E009,2025-04-01T08:00:00Z,letter,resolved,a new note',
    cleared: 'T1,R000002,,E009,2025-04-01T08:00:00Z,letter,resolved,',
    read: (k) =>
      sql`select r.external_id as response, k.external_id as complaint, e.external_id as employee,
                 ${sql.raw(ts('t.contacted_at'))}, t.channel::text, t.outcome::text, t.note
          from contacts t left join responses r on r.id = t.response_id left join complaints k on k.id = t.complaint_id
          join employees e on e.id = t.employee_id where t.external_id = ${k}`,
    changedRead: ['', 'K00003', 'E009', '2025-04-01T08:00:00Z', 'letter', 'resolved', 'a new note'],
    clearedRead: ['R000002', null, 'E009', '2025-04-01T08:00:00Z', 'letter', 'resolved', null],
  },
];

const CONTACTS =
  'external_id,response,complaint,employee,contacted_at,channel,outcome,note\nT1,R000001,,E006,2025-03-01T09:00:00Z,call,reached,first note\n';

describe.each(databaseTargets())('re-importing changed rows on %s', (target) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(target);
    await importGolden(t.db.database);
    await importFiles(t.db.database.db, { 'contacts.csv': CONTACTS }, { actor: 'test' });
  });
  afterAll(() => t.db.drop());

  const read = async (c: Case) => {
    const rows = await queryRows(t.db.database.db, c.read(c.key));
    expect(rows).toHaveLength(1);
    return Object.values(rows[0]!).map((v) => (v === null ? null : String(v)));
  };
  const base = (file: string) => (file === 'contacts.csv' ? CONTACTS : goldenFile(file));

  it.each(CASES)('$file: every column of a changed row is stored, and counted once', async (c) => {
    const text = withRow(c.file, c.key, c.changed, base(c.file));
    const result = await importFiles(t.db.database.db, { [c.file]: text }, { actor: 'test' });
    expect(result.changes[c.file]).toMatchObject({ inserted: 0, updated: 1 });
    const expected = c.changedRead.map((v) => (v === '' ? null : v));
    expect(await read(c)).toEqual(expected);
    if (c.cleared) {
      const again = withRow(c.file, c.key, c.cleared, base(c.file));
      const r2 = await importFiles(t.db.database.db, { [c.file]: again }, { actor: 'test' });
      expect(r2.changes[c.file]).toMatchObject({ inserted: 0, updated: 1 });
      expect(await read(c)).toEqual(c.clearedRead);
    }
  });

  it('the API serves the changed customer and employee', async () => {
    // set the changed versions again (the clearing step above emptied the optional ones)
    for (const file of ['employees.csv', 'customers.csv']) {
      const c = CASES.find((x) => x.file === file)!;
      await importFiles(
        t.db.database.db,
        { [file]: withRow(file, c.key, c.changed) },
        { actor: 'test' },
      );
    }
    const customers = await t.request(
      '/api/customers?period=2026-Q2&scope=segment:S3&page_size=200',
    );
    expect(customers.status).toBe(200);
    const list = (await customers.json()) as {
      customers?: Record<string, unknown>[];
      rows?: Record<string, unknown>[];
    };
    const rows = list.customers ?? list.rows ?? [];
    expect(rows.find((r) => r.external_id === 'C0002')).toMatchObject({
      name: 'Renamed customer',
      segment: 'S3',
      account_manager: 'E009',
      acquired_on: '2022-01-01',
      churned_on: '2026-07-15',
    });
    const bonus = await t.request('/api/bonus?period=2026-Q2');
    expect(bonus.status).toBe(200);
    const run = (await bonus.json()) as { rows: Record<string, unknown>[] };
    expect(run.rows.find((r) => r.employee === 'E006')).toMatchObject({
      name: 'Renamed Agent',
      email: 'renamed@x.example',
      role: 'segment_manager',
      segment: 'S2',
      currency: 'UAH',
      bonus_target: '1234.56',
      // 2026-04-01 … 2026-05-31: 61 of the quarter's 91 days
      proration_days: 61,
      period_days: 91,
    });
  });
});
