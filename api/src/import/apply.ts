import { type Executor, queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import { typed } from './columns';
import { type CsvFileName, FILE_SPECS, type FileSpec } from './files';
import { customersChanging, responsesChanging } from './read-models';
import { type LineRange, stageTable } from './validate';

/**
 * How a staged file lands in its table: the target columns with the SQL giving each
 * from the staged row `s` (typed, references resolved through `joins`), and the key.
 */
interface Target {
  table: string;
  key: string[];
  values: [column: string, expr: string][];
  joins: string;
}

const t = (file: CsvFileName, column: string) => {
  const spec: FileSpec = FILE_SPECS[file];
  const c = spec.columns.find((x) => x.name === column);
  if (!c) throw new Error(`${file} has no column ${column}`);
  return typed(c, `s.${column}`);
};

export const TARGETS: Record<CsvFileName, Target> = {
  // segment_id is written after segments exist (they reference each other): setEmployeeSegments
  'employees.csv': {
    table: 'employees',
    key: ['external_id'],
    values: [
      ['external_id', 's.external_id'],
      ['name', 's.name'],
      ['email', 's.email'],
      ['role', t('employees.csv', 'role')],
      ['bonus_target', t('employees.csv', 'bonus_target')],
      ['currency', 's.currency'],
      ['hired_on', t('employees.csv', 'hired_on')],
      ['left_on', t('employees.csv', 'left_on')],
    ],
    joins: '',
  },
  'segments.csv': {
    table: 'segments',
    key: ['external_id'],
    values: [
      ['external_id', 's.external_id'],
      ['name', 's.name'],
      ['manager_id', 'm.id'],
    ],
    joins: 'join employees m on m.external_id = s.manager',
  },
  'customers.csv': {
    table: 'customers',
    key: ['external_id'],
    values: [
      ['external_id', 's.external_id'],
      ['name', 's.name'],
      ['segment_id', 'seg.id'],
      ['account_manager_id', 'am.id'],
      ['acquired_on', t('customers.csv', 'acquired_on')],
      ['churned_on', t('customers.csv', 'churned_on')],
    ],
    joins:
      'join segments seg on seg.external_id = s.segment left join employees am on am.external_id = s.account_manager',
  },
  'fx_rates.csv': {
    table: 'fx_rates',
    key: ['month', 'currency'],
    values: [
      ['month', t('fx_rates.csv', 'month')],
      ['currency', 's.currency'],
      ['rate', t('fx_rates.csv', 'rate')],
    ],
    joins: '',
  },
  'revenue.csv': {
    table: 'revenue',
    key: ['customer_id', 'month'],
    values: [
      ['customer_id', 'c.id'],
      ['month', t('revenue.csv', 'month')],
      ['amount', t('revenue.csv', 'amount')],
      ['currency', 's.currency'],
    ],
    joins: 'join customers c on c.external_id = s.customer',
  },
  'responses.csv': {
    table: 'responses',
    key: ['external_id'],
    values: [
      ['external_id', 's.external_id'],
      ['customer_id', 'c.id'],
      ['employee_id', 'e.id'],
      ['kind', t('responses.csv', 'kind')],
      ['score', `${t('responses.csv', 'score')}::smallint`],
      ['responded_at', t('responses.csv', 'responded_at')],
      ['comment', 's.comment'],
    ],
    joins:
      'join customers c on c.external_id = s.customer left join employees e on e.external_id = s.employee',
  },
  'complaints.csv': {
    table: 'complaints',
    key: ['external_id'],
    values: [
      ['external_id', 's.external_id'],
      ['customer_id', 'c.id'],
      ['employee_id', 'e.id'],
      ['opened_at', t('complaints.csv', 'opened_at')],
      ['first_response_at', t('complaints.csv', 'first_response_at')],
      ['resolved_at', t('complaints.csv', 'resolved_at')],
      ['validity', t('complaints.csv', 'validity')],
      ['severity', t('complaints.csv', 'severity')],
      ['follow_up_at', t('complaints.csv', 'follow_up_at')],
    ],
    joins:
      'join customers c on c.external_id = s.customer join employees e on e.external_id = s.employee',
  },
  'recovery_actions.csv': {
    table: 'recovery_actions',
    key: ['external_id'],
    values: [
      ['external_id', 's.external_id'],
      ['complaint_id', 'k.id'],
      ['kind', t('recovery_actions.csv', 'kind')],
      ['cost', t('recovery_actions.csv', 'cost')],
      ['currency', 's.currency'],
      ['performed_at', t('recovery_actions.csv', 'performed_at')],
      ['employee_id', 'e.id'],
    ],
    joins:
      'join complaints k on k.external_id = s.complaint join employees e on e.external_id = s.employee',
  },
  'contacts.csv': {
    table: 'contacts',
    key: ['external_id'],
    values: [
      ['external_id', 's.external_id'],
      ['response_id', 'r.id'],
      ['complaint_id', 'k.id'],
      ['employee_id', 'e.id'],
      ['contacted_at', t('contacts.csv', 'contacted_at')],
      ['channel', t('contacts.csv', 'channel')],
      ['outcome', t('contacts.csv', 'outcome')],
      ['note', 's.note'],
    ],
    joins:
      'left join responses r on r.external_id = s.response left join complaints k on k.external_id = s.complaint join employees e on e.external_id = s.employee',
  },
};

/** What keeps the read models in step with a file's changes (read-models.ts). */
const READ_MODELS: Partial<Record<CsvFileName, (db: Executor, delta: string) => Promise<void>>> = {
  'customers.csv': customersChanging,
  'responses.csv': responsesChanging,
};

export interface Changes {
  inserted: number;
  updated: number;
  unchanged: number;
}

const run = (db: Executor, text: string) => db.execute(sql.raw(text));
export const deltaTable = (file: CsvFileName) => `delta_${TARGETS[file].table}`;

/**
 * Applies one staged (and validated) file set-based, in three statements:
 *
 * 1. the delta: every staged row that is new or differs from its stored row in any
 *    column, with its values resolved and typed (`found` tells an update from an insert);
 * 2. insert the new rows; 3. update the changed ones, every column.
 *
 * Rows equal to what is stored are not touched (a re-import is a no-op). The read
 * models are maintained from the delta before steps 2 and 3 (read-models.ts): it holds
 * exactly the rows that change, and the stored versions are still readable by key.
 */
export async function applyFile(
  db: Executor,
  file: CsvFileName,
  staged: number,
  ranges: readonly LineRange[] = [],
  between: () => Promise<void> = async () => {},
): Promise<Changes> {
  const target = TARGETS[file];
  const spec: FileSpec = FILE_SPECS[file];
  const columns = target.values.map(([c]) => c);
  const list = columns.map((c) => `"${c}"`).join(', ');
  const delta = deltaTable(file);
  const on = target.key.map((k) => `t."${k}" = v."${k}"`).join(' and ');
  const source = (range: LineRange | null) =>
    `select v.*, (t."${target.key[0]}" is not null) as found
     from (select ${target.values.map(([c, e]) => `${e} as "${c}"`).join(', ')}
           from ${stageTable(spec)} s ${target.joins}
           ${range ? `where s.line between ${range[0]} and ${range[1]}` : ''}) v
     left join ${target.table} t on ${on}
     where t."${target.key[0]}" is null
        or (${columns.map((c) => `t."${c}"`).join(', ')}) is distinct from (${columns.map((c) => `v."${c}"`).join(', ')})`;
  const updates = columns.filter((c) => !target.key.includes(c));
  const maintain = READ_MODELS[file];
  const write = async (from: string) => {
    if (maintain) await maintain(db, from);
    await run(
      db,
      `insert into ${target.table} (${list}) select ${list} from ${from} where not found`,
    );
    await run(
      db,
      `update ${target.table} t set ${updates.map((c) => `"${c}" = v."${c}"`).join(', ')}
       from ${from} v where v.found and ${on}`,
    );
  };
  if (ranges.length <= 1) {
    await run(db, `create temp table ${delta} on commit drop as ${source(null)}`);
    await write(delta);
  } else {
    // range by range: every key is in one range only (duplicates were refused), so the
    // ranges' deltas add up to the file's
    await run(db, `create temp table ${delta} on commit drop as ${source(null)} with no data`);
    const chunk = `${delta}_range`;
    for (const range of ranges) {
      await run(db, `create temp table ${chunk} as ${source(range)}`);
      await write(chunk);
      await run(db, `insert into ${delta} select * from ${chunk}`);
      await run(db, `drop table ${chunk}`);
      await between();
    }
  }
  const [counts] = await queryRows<{ inserted: number; updated: number }>(
    db,
    sql.raw(
      `select count(*) filter (where not found)::int as inserted, count(*) filter (where found)::int as updated from ${delta}`,
    ),
  );
  const { inserted, updated } = counts!;
  return { inserted, updated, unchanged: staged - inserted - updated };
}

/**
 * Points the staged employees at their segments, once segments exist; answers how many
 * employees changed only here (those not already counted as inserted or updated).
 */
export async function setEmployeeSegments(db: Executor): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql.raw(
      `with moved as (
         update employees e set segment_id = seg.id
         from ${stageTable(FILE_SPECS['employees.csv'])} s
         left join segments seg on seg.external_id = s.segment
         where e.external_id = s.external_id and e.segment_id is distinct from seg.id
         returning e.external_id)
       select count(*)::int as n from moved m
       where not exists (select 1 from ${deltaTable('employees.csv')} d where d.external_id = m.external_id)`,
    ),
  );
  return row!.n;
}
