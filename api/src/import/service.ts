import { type CopyValue, copyRowsFor, type Db, type Executor, runsInProcess } from '@delight/db';
import { sql } from 'drizzle-orm';
import { EARLIEST_VALID_FROM } from '../assumptions/schema';
import { saveAssumptions } from '../assumptions/store';
import { writeAudit } from '../audit/log';
import { reviewRuns } from '../bonus/approval';
import { savePlanVersion } from '../plans/store';
import { applyFile, type Changes, setEmployeeSegments, TARGETS } from './apply';
import {
  type BonusChange,
  bonusChanges,
  bonusTotals,
  openPeriods,
  rollbackTo,
  savepoint,
} from './dry-run';
import { CSV_FILES, type CsvFileName, type FileSpec, IMPORT_FILES, specOf } from './files';
import { parseAssumptionsFile, parsePlansFile } from './json-files';
import { type ParseOutcome, stageRows } from './parse';
import { compareErrors, ImportRejected, MAX_ERRORS, ProblemList } from './problems';
import { contentSize, type ImportFiles, listImportDirectory } from './source';
import {
  analyzeStage,
  checkCells,
  checkDuplicates,
  checkFx,
  checkReferences,
  createProblemTable,
  createStage,
  type LineRange,
  lineRanges,
  readProblems,
  stageColumns,
  stageTable,
} from './validate';
import { lockDataWrites, serialisedWrite } from './write-lock';

export type { ImportFiles };

export interface ImportProgress {
  file: string;
  /** reading (parse and stage), checking, writing */
  phase: 'reading' | 'checking' | 'writing';
  /** rows read so far (reading), else rows of the file */
  rows: number;
  /** bytes read so far, and the file's size */
  bytes: number;
  totalBytes: number;
}

export interface ImportOptions {
  /** who imports, for the audit log: `user:…`, `token:…`, `cli` */
  actor: string;
  reportingCurrency?: string;
  onProgress?: (p: ImportProgress) => void;
  /** check and measure everything, write nothing (the transaction is rolled back) */
  dryRun?: boolean;
}

export interface ImportResult {
  /** rows (or plan versions) read from each file that was given */
  imported: Record<string, number>;
  /** what the import changed (or, in a dry run, would change), per file */
  changes: Record<string, Changes>;
  /** present on a dry run: nothing was written */
  dry_run?: true;
  /** dry run: bonus totals before → after for the open periods */
  bonus?: BonusChange[];
}

export async function importDirectory(
  db: Db,
  dir: string,
  options: ImportOptions,
): Promise<ImportResult> {
  return importFiles(db, await listImportDirectory(dir), options);
}

/** Thrown inside the transaction to roll a dry run back with its answer. */
class DryRunDone extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

/**
 * Imports a set of files all or nothing, whatever their size:
 *
 * 1. each CSV file is parsed as a stream and loaded (COPY) into a staging table, with
 *    its line numbers; memory stays flat;
 * 2. set-based SQL checks every cell against the one column declaration (types,
 *    bounds, lengths, precision), the row rules, duplicate keys, references across
 *    files and to stored rows, FX rates; any problem rejects the import (422), each
 *    problem listed once with file, line and column;
 * 3. under the write lock, set-based upserts apply every file in load order, then the
 *    plans and assumptions, with one audit entry; all in one transaction;
 * 4. the touched tables are analyzed before answering.
 */
export async function importFiles(
  db: Db,
  files: ImportFiles,
  options: ImportOptions,
): Promise<ImportResult> {
  const result = await serialisedWrite(db, async () => {
    try {
      return await db.transaction((tx) => importInTransaction(tx, files, options));
    } catch (err) {
      if (err instanceof DryRunDone) return err.result;
      throw err;
    }
  });
  if (!result.dry_run) await analyzeTouched(db, result);
  return result;
}

/** One file to stage: its rows in staging order (see parse.ts) and how reading went. */
export interface StageInput {
  file: CsvFileName;
  rows: AsyncIterable<CopyValue[]> | Iterable<CopyValue[]>;
  outcome: ParseOutcome;
  totalBytes: number;
}

export interface Staged {
  files: CsvFileName[];
  specs: Map<string, FileSpec>;
  rows: Map<CsvFileName, number>;
  unreadable: Set<string>;
}

export const newOutcome = (): ParseOutcome => ({
  rows: 0,
  incomplete: false,
  headerFailed: false,
  bytes: 0,
});

/** Loads every input into its staging table (COPY), with statistics for the checks. */
export async function stageInputs(
  tx: Executor,
  inputs: StageInput[],
  progress: (p: ImportProgress) => void = () => {},
): Promise<Staged> {
  await createProblemTable(tx);
  const staged: Staged = { files: [], specs: new Map(), rows: new Map(), unreadable: new Set() };
  for (const { file, rows, outcome, totalBytes } of inputs) {
    const spec = specOf(file);
    await createStage(tx, spec);
    const written = await copyRowsFor(tx)(stageTable(spec), stageColumns(spec), rows, (n) =>
      progress({ file, phase: 'reading', rows: n, bytes: outcome.bytes, totalBytes }),
    );
    await analyzeStage(tx, spec);
    staged.files.push(file);
    staged.specs.set(file, spec);
    staged.rows.set(file, outcome.rows || written);
    if (outcome.incomplete || outcome.headerFailed) staged.unreadable.add(file);
  }
  return staged;
}

/**
 * Runs every set-based check on the staged files and throws ImportRejected listing the
 * problems (those found while reading first merged in), or returns when there is none.
 */
export async function checkStaged(
  tx: Executor,
  staged: Staged,
  problems: ProblemList,
  reporting: string,
  nameOf: (fileNo: number) => string = (no) => IMPORT_FILES[no] ?? '',
  progress: (file: CsvFileName) => void = () => {},
): Promise<void> {
  for (const file of staged.files) {
    const spec = specOf(file);
    progress(file);
    await checkDuplicates(tx, spec);
    const ranges = await rangesOf(tx, staged, file);
    for (const range of ranges.length > 0 ? ranges : [undefined]) {
      await checkCells(tx, spec, range);
      await checkReferences(tx, spec, staged.specs, staged.unreadable, range);
      await checkFx(
        tx,
        spec,
        reporting,
        staged.specs.get('fx_rates.csv'),
        staged.unreadable.has('fx_rates.csv'),
        range,
      );
      await turn(tx);
    }
  }
  const found = await readProblems(tx, nameOf);
  const total = problems.count + found.total;
  if (total > 0) {
    const errors = [...problems.list(), ...found.errors].sort(compareErrors).slice(0, MAX_ERRORS);
    throw new ImportRejected(errors, total);
  }
}

/**
 * On PGlite, statements run on this thread: the checks and writes of a big file go
 * range by range with a turn of the event loop between, so the server keeps answering.
 * A server gets each file in one statement.
 */
const PGLITE_RANGE = 25_000;
async function rangesOf(tx: Executor, staged: Staged, file: CsvFileName): Promise<LineRange[]> {
  const n = staged.rows.get(file) ?? 0;
  if (!runsInProcess(tx) || n <= PGLITE_RANGE) return [];
  return lineRanges(tx, specOf(file), PGLITE_RANGE);
}
const turn = (tx: Executor) =>
  runsInProcess(tx) ? new Promise<void>((r) => setImmediate(r)) : Promise.resolve();

/** Applies the staged files in load order; answers rows read and changes per file. */
export async function applyStaged(
  tx: Executor,
  staged: Staged,
  progress: (file: CsvFileName) => void = () => {},
): Promise<ImportResult> {
  const result: ImportResult = { imported: {}, changes: {} };
  for (const file of staged.files) {
    progress(file);
    const n = staged.rows.get(file) ?? 0;
    result.imported[file] = n;
    result.changes[file] = await applyFile(tx, file, n, await rangesOf(tx, staged, file), () =>
      turn(tx),
    );
    const segmentsDone =
      file === 'segments.csv' || (file === 'employees.csv' && !staged.specs.has('segments.csv'));
    if (segmentsDone && staged.specs.has('employees.csv')) {
      bumpUpdated(result, await setEmployeeSegments(tx));
    }
  }
  return result;
}

async function importInTransaction(
  tx: Executor,
  files: ImportFiles,
  options: ImportOptions,
): Promise<ImportResult> {
  const reporting = options.reportingCurrency ?? 'EUR';
  const progress = options.onProgress ?? (() => {});
  const problems = new ProblemList();
  const inputs: StageInput[] = [];
  for (const file of CSV_FILES) {
    const content = files[file];
    if (content === undefined) continue;
    const outcome = newOutcome();
    inputs.push({
      file,
      rows: stageRows(specOf(file), content, problems, outcome),
      outcome,
      totalBytes: await contentSize(content),
    });
  }
  const staged = await stageInputs(tx, inputs, progress);
  const plans = await parsePlansFile(files['plans.json'], problems);
  const assumptions = await parseAssumptionsFile(files['assumptions.json'], problems);
  const size = (file: CsvFileName) => inputs.find((i) => i.file === file)?.totalBytes ?? 0;
  const done = (file: CsvFileName) => ({
    rows: staged.rows.get(file) ?? 0,
    bytes: size(file),
    totalBytes: size(file),
  });
  await checkStaged(tx, staged, problems, reporting, undefined, (file) =>
    progress({ file, phase: 'checking', ...done(file) }),
  );

  await lockDataWrites(tx);
  if (options.dryRun) await savepoint(tx, 'dry_run');
  const result = await applyStaged(tx, staged, (file) =>
    progress({ file, phase: 'writing', ...done(file) }),
  );
  if (plans) {
    const counts = { inserted: 0, updated: 0 };
    for (const plan of plans.plans) {
      const outcome = await savePlanVersion(tx, plan, options.actor);
      if (outcome === 'created') counts.inserted++;
      if (outcome === 'updated') counts.updated++;
    }
    result.imported['plans.json'] = plans.plans.length;
    result.changes['plans.json'] = {
      ...counts,
      unchanged: plans.plans.length - counts.inserted - counts.updated,
    };
  }
  if (assumptions) {
    const { valid_from, ...values } = assumptions;
    const saved = await saveAssumptions(
      tx,
      values,
      valid_from ?? EARLIEST_VALID_FROM,
      options.actor,
    );
    result.imported['assumptions.json'] = 1;
    result.changes['assumptions.json'] = saved.created
      ? { inserted: 1, updated: 0, unchanged: 0 }
      : { inserted: 0, updated: 0, unchanged: 1 };
  }

  if (options.dryRun) {
    // measure after the writes, undo them, measure before: the same periods both times
    const periods = await openPeriods(tx);
    const after = await bonusTotals(tx, periods);
    await rollbackTo(tx, 'dry_run');
    const before = await bonusTotals(tx, periods);
    throw new DryRunDone({ ...result, dry_run: true, bonus: bonusChanges(periods, before, after) });
  }
  const changed = Object.values(result.changes).some((c) => c.inserted + c.updated > 0);
  if (changed) {
    await writeAudit(tx, { actor: options.actor, action: 'import', entity: 'data', after: result });
    await reviewRuns(tx, { actor: options.actor, cause: 'An import' });
  }
  return result;
}

/** A row whose only change is its segment counts once, as updated. */
function bumpUpdated(result: ImportResult, moved: number) {
  const c = result.changes['employees.csv'];
  if (!c || moved === 0) return;
  c.updated += moved;
  c.unchanged -= moved;
}

/** Fresh statistics for the tables an import changed, so the next reads plan well. */
export async function analyzeTouched(
  db: Executor,
  result: Pick<ImportResult, 'changes'>,
): Promise<void> {
  const tables = new Set<string>();
  for (const [file, c] of Object.entries(result.changes)) {
    const target = TARGETS[file as CsvFileName];
    if (target && c.inserted + c.updated > 0) tables.add(target.table);
  }
  if (tables.has('responses') || tables.has('customers')) tables.add('kpi_response_daily');
  if (tables.size === 0) return;
  await db.execute(sql.raw(`analyze ${[...tables].join(', ')}`));
}
