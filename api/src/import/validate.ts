import { type Executor, queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import { cellProblem, KEY_MAX, lit } from './columns';
import { type FileSpec, fileOrder } from './files';
import { type ImportError, MAX_ERRORS } from './problems';

/** The temp table a file is staged in. */
export const stageTable = (spec: FileSpec) => `stage_${spec.name.replace(/\.csv$/, '')}`;
const PROBLEMS = 'import_problems';

const run = (db: Executor, text: string) => db.execute(sql.raw(text));

/** Temp tables of one import; they live as long as its transaction. */
export async function createProblemTable(db: Executor): Promise<void> {
  await run(
    db,
    `create temp table ${PROBLEMS} (file_no int not null, line int, col_no int not null, col text, message text not null) on commit drop`,
  );
}

export async function createStage(db: Executor, spec: FileSpec): Promise<void> {
  const cells = spec.columns.map((c) => `"${c.name}" text`).join(', ');
  await run(
    db,
    `create temp table ${stageTable(spec)} (line int not null, broken boolean not null, ${cells}) on commit drop`,
  );
}

/** The staging columns in COPY order. */
export const stageColumns = (spec: FileSpec) => [
  'line',
  'broken',
  ...spec.columns.map((c) => c.name),
];

const columnNo = (spec: FileSpec, column: string) =>
  spec.columns.findIndex((c) => c.name === column) + 1;
const cell = (spec: FileSpec, column: string) => {
  const c = spec.columns.find((x) => x.name === column);
  if (!c) throw new Error(`${spec.name} has no column ${column}`);
  return c;
};
/** True when the cell is given and good. */
const good = (spec: FileSpec, column: string) =>
  `(s.${column} is not null and (${cellProblem(cell(spec, column), `s.${column}`)}) is null)`;

/** A range of staged lines, inclusive; statements over big files run range by range. */
export type LineRange = readonly [number, number];
const inRange = (range: LineRange | undefined) =>
  range ? `and s.line between ${range[0]} and ${range[1]}` : '';

/**
 * The staged lines cut into ranges of about `size` rows (one range when the file is
 * smaller), so that long statements can be run range by range.
 */
export async function lineRanges(db: Executor, spec: FileSpec, size: number): Promise<LineRange[]> {
  const [row] = await queryRows<{ lo: number | null; hi: number | null; n: number }>(
    db,
    sql.raw(`select min(line) as lo, max(line) as hi, count(*)::int as n from ${stageTable(spec)}`),
  );
  if (!row || row.lo === null || row.hi === null) return [[0, 0]];
  const lo = Number(row.lo);
  const hi = Number(row.hi);
  if (row.n <= size) return [[lo, hi]];
  // lines grow with the rows (a multi-line record takes a few), so cut by line numbers
  const step = Math.max(1, Math.ceil(((hi - lo + 1) * size) / row.n));
  const out: LineRange[] = [];
  for (let a = lo; a <= hi; a += step) out.push([a, Math.min(hi, a + step - 1)]);
  return out;
}

/** Every bad cell and every broken row rule, one problem each. */
export async function checkCells(db: Executor, spec: FileSpec, range?: LineRange): Promise<void> {
  const entries = spec.columns.map((c, i) => ({
    no: (i + 1) * 2,
    column: c.name,
    message: cellProblem(c, `s.${c.name}`),
  }));
  for (const rule of spec.rules) {
    const needs = rule.needs.map((n) => good(spec, n));
    entries.push({
      no: columnNo(spec, rule.column) * 2 + 1,
      column: rule.column,
      message: `case when ${needs.length ? needs.join(' and ') : 'true'} and (${rule.failing}) then ${rule.message} end`,
    });
  }
  // good rows, nearly all of them, cost one pass of the checks (the filter); only bad
  // ones are taken apart into their problems
  const messages = entries.map((e) => e.message);
  await run(
    db,
    `insert into ${PROBLEMS} (file_no, line, col_no, col, message)
     select ${fileOrder(spec.name)}, s.line, p.col_no, p.col, p.message
     from (select s.* from ${stageTable(spec)} s
           where not s.broken ${inRange(range)} and coalesce(${messages.join(', ')}) is not null) s
     cross join lateral (values ${entries.map((e) => `(${e.no}, ${lit(e.column)}, ${e.message})`).join(', ')}) as p(col_no, col, message)
     where p.message is not null`,
  );
}

/** A second row with the same key, reported on the later line. */
export async function checkDuplicates(db: Executor, spec: FileSpec): Promise<void> {
  const keys = spec.key.columns;
  const label = spec.key.label;
  await run(
    db,
    `insert into ${PROBLEMS} (file_no, line, col_no, col, message)
     select ${fileOrder(spec.name)}, s.line, 0, null, ${label} || ' appears twice (first on line ' || s.first || ')'
     from (select s.*, min(s.line) over (partition by ${keys.map((k) => `s.${k}`).join(', ')}) as first
           from ${stageTable(spec)} s
           where not s.broken and ${keys.map((k) => good(spec, k)).join(' and ')}) s
     where s.line <> s.first`,
  );
}

/**
 * A reference to a key that is neither stored nor staged by this import. A staged row
 * counts even when it is bad itself (its own problem is reported), so one mistake is
 * reported once. A target file that could not be read to its end is not checked against.
 */
export async function checkReferences(
  db: Executor,
  spec: FileSpec,
  staged: Map<string, FileSpec>,
  unreadable: Set<string>,
  range?: LineRange,
): Promise<void> {
  for (const ref of spec.references) {
    if (unreadable.has(ref.file)) continue;
    const target = staged.get(ref.file);
    const inImport = target
      ? `and not exists (select 1 from ${stageTable(target)} u where u.external_id = s.${ref.column})`
      : '';
    await run(
      db,
      `insert into ${PROBLEMS} (file_no, line, col_no, col, message)
       select ${fileOrder(spec.name)}, s.line, ${columnNo(spec, ref.column) * 2 + 1}, ${lit(ref.column)},
              ${lit(`${ref.column} `)} || s.${ref.column} || ${lit(`: no such ${ref.what} in this import or already stored`)}
       from ${stageTable(spec)} s
       where not s.broken ${inRange(range)} and s.${ref.column} is not null and char_length(s.${ref.column}) <= ${KEY_MAX}
         and not exists (select 1 from ${ref.table} t where t.external_id = s.${ref.column}) ${inImport}`,
    );
  }
}

/** An amount in a foreign currency needs an FX rate of its month, stored or staged. */
export async function checkFx(
  db: Executor,
  spec: FileSpec,
  reporting: string,
  fxStage: FileSpec | undefined,
  fxUnreadable: boolean,
  range?: LineRange,
): Promise<void> {
  if (!spec.fx || fxUnreadable) return;
  const { month, currency } = spec.fx;
  const monthColumn = spec.columns.find(
    (c) => c.type.type === 'month' || c.type.type === 'timestamp',
  );
  const staged = fxStage
    ? `and not exists (select 1 from ${stageTable(fxStage)} u where u.month = m.month and u.currency = m.currency)`
    : '';
  await run(
    db,
    `insert into ${PROBLEMS} (file_no, line, col_no, col, message)
     select ${fileOrder(spec.name)}, m.line, ${columnNo(spec, currency) * 2 + 1}, ${lit(currency)},
            'no FX rate for ' || m.currency || ' in ' || m.month || ' (add it to fx_rates.csv)'
     from (select s.line, s.${currency} as currency, ${month} as month
           from ${stageTable(spec)} s
           where not s.broken ${inRange(range)} and ${good(spec, currency)} and ${good(spec, monthColumn!.name)}
             and s.${currency} <> ${lit(reporting)}) m
     where not exists (select 1 from fx_rates f where f.month = (m.month || '-01')::date and f.currency = m.currency)
       ${staged}`,
  );
}

/** Staging tables get statistics, so the checks and the apply join them well. */
export async function analyzeStage(db: Executor, spec: FileSpec): Promise<void> {
  await run(db, `analyze ${stageTable(spec)}`);
}

/** The first MAX_ERRORS problems found in SQL, in file, line and column order, and their count. */
export async function readProblems(
  db: Executor,
  nameOf: (fileNo: number) => string,
): Promise<{ errors: ImportError[]; total: number }> {
  const [count] = await queryRows<{ n: number }>(
    db,
    sql.raw(`select count(*)::int as n from ${PROBLEMS}`),
  );
  const rows = await queryRows<{
    file_no: number;
    line: number | null;
    col: string | null;
    message: string;
  }>(
    db,
    sql.raw(
      `select file_no, line, col, message from ${PROBLEMS} order by file_no, line, col_no limit ${MAX_ERRORS}`,
    ),
  );
  return {
    total: count!.n,
    errors: rows.map((r) => ({
      file: nameOf(r.file_no),
      line: r.line,
      column: r.col,
      message: r.message,
    })),
  };
}
