import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '@delight/db';
import { assumptionsFileSchema, EARLIEST_VALID_FROM } from '../assumptions/schema';
import { saveAssumptions } from '../assumptions/store';
import { writeAudit } from '../audit/log';
import { AppError } from '../lib/errors';
import { plansFileSchema } from '../plans/schema';
import { savePlanVersion } from '../plans/store';
import { decodeText, type ImportError, parseCsvFile } from './parse';
import * as q from './queries';
import { checkReferences, type Parsed, type RawRecords, sortErrors } from './references';
import { CSV_FILES, type CsvFileName, IMPORT_FILES, type JsonFileName } from './rows';

export type ImportFiles = Partial<Record<string, string | Uint8Array>>;

export interface ImportProgress {
  file: string;
  done: number;
  total: number;
}

export interface ImportOptions {
  /** who imports, for the audit log: `user:…`, `token:…`, `cli` */
  actor: string;
  reportingCurrency?: string;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportResult {
  /** rows (or plan versions) read from each file that was given */
  imported: Record<string, number>;
  /** what the import changed, per file */
  changes: Record<string, { inserted: number; updated: number; unchanged: number }>;
}

/** A rejected import: every problem found, nothing written. */
export class ImportRejected extends AppError {
  constructor(readonly errors: ImportError[]) {
    const shown = errors.slice(0, MAX_ERRORS);
    super(
      422,
      'import_rejected',
      `The import was rejected, nothing was written: ${errors.length} problem${errors.length === 1 ? '' : 's'}`,
      undefined,
      { errors: shown, total_errors: errors.length },
    );
  }
}
const MAX_ERRORS = 1000;

/** Reads the import files that exist in a folder (others are ignored). */
export async function readImportDirectory(dir: string): Promise<ImportFiles> {
  const names = new Set(await readdir(dir));
  const files: ImportFiles = {};
  for (const name of IMPORT_FILES) {
    if (names.has(name)) files[name] = await readFile(join(dir, name));
  }
  return files;
}

export async function importDirectory(
  db: Db,
  dir: string,
  options: ImportOptions,
): Promise<ImportResult> {
  return importFiles(db, await readImportDirectory(dir), options);
}

/**
 * Validates every file completely (types, enums, dates, references across files and
 * to rows already stored, FX rates for every foreign amount), then writes everything
 * in one transaction. Any bad row rejects the whole import with every error listed.
 */
export async function importFiles(
  db: Db,
  files: ImportFiles,
  options: ImportOptions,
): Promise<ImportResult> {
  const reporting = options.reportingCurrency ?? 'EUR';
  const errors: ImportError[] = [];
  const parsed: Parsed = {};
  const raw: RawRecords = {};
  for (const name of Object.keys(CSV_FILES) as CsvFileName[]) {
    const content = files[name];
    if (content === undefined) continue;
    const result = parseCsvFile(name, content);
    errors.push(...result.errors);
    (parsed as Record<string, unknown>)[name] = result.rows;
    raw[name] = result.raw;
  }
  const plans = parseJson(files, 'plans.json', plansFileSchema, errors);
  const assumptions = parseJson(files, 'assumptions.json', assumptionsFileSchema, errors);

  const existing = {
    employees: await q.idMap(db, 'employees'),
    segments: await q.idMap(db, 'segments'),
    customers: await q.idMap(db, 'customers'),
    complaints: await q.complaintIds(db, [
      ...new Set((parsed['recovery_actions.csv'] ?? []).map((r) => r.data.complaint)),
    ]),
    fx: await q.fxKeys(db),
  };
  errors.push(...checkReferences(parsed, raw, existing, reporting));
  if (errors.length > 0) throw new ImportRejected(sortErrors(errors));

  return db.transaction(async (tx) => {
    const result: ImportResult = { imported: {}, changes: {} };
    const record = (file: string, total: number, c: q.UpsertCounts) => {
      result.imported[file] = total;
      result.changes[file] = { ...c, unchanged: total - c.inserted - c.updated };
    };
    const progress = (file: string, total: number) => (done: number) =>
      options.onProgress?.({ file, done, total });

    const employeesRows = parsed['employees.csv'];
    if (employeesRows) {
      const c = await q.upsertEmployees(
        tx,
        employeesRows.map(({ data: r }) => ({
          externalId: r.external_id,
          name: r.name,
          email: r.email,
          role: r.role,
          bonusTarget: r.bonus_target,
          currency: r.currency,
          hiredOn: r.hired_on,
          leftOn: r.left_on,
        })),
        progress('employees.csv', employeesRows.length),
      );
      record('employees.csv', employeesRows.length, c);
    }
    const employeeIds = await q.idMap(tx, 'employees');

    const segmentRows = parsed['segments.csv'];
    if (segmentRows) {
      const c = await q.upsertSegments(
        tx,
        segmentRows.map(({ data: r }) => ({
          externalId: r.external_id,
          name: r.name,
          managerId: employeeIds.get(r.manager)!,
        })),
        progress('segments.csv', segmentRows.length),
      );
      record('segments.csv', segmentRows.length, c);
    }
    const segmentIds = await q.idMap(tx, 'segments');
    if (employeesRows) {
      const changed = await q.setEmployeeSegments(
        tx,
        employeesRows.map(({ data: r }) => ({
          employeeId: employeeIds.get(r.external_id)!,
          segmentId: r.segment ? segmentIds.get(r.segment)! : null,
        })),
      );
      bumpUpdated(result, 'employees.csv', changed);
    }

    const customerRows = parsed['customers.csv'];
    if (customerRows) {
      const c = await q.upsertCustomers(
        tx,
        customerRows.map(({ data: r }) => ({
          externalId: r.external_id,
          name: r.name,
          segmentId: segmentIds.get(r.segment)!,
          accountManagerId: r.account_manager ? employeeIds.get(r.account_manager)! : null,
          acquiredOn: r.acquired_on,
          churnedOn: r.churned_on,
        })),
        progress('customers.csv', customerRows.length),
      );
      record('customers.csv', customerRows.length, c);
    }
    const customerIds = await q.idMap(tx, 'customers');

    const fxRows = parsed['fx_rates.csv'];
    if (fxRows) {
      const c = await q.upsertFxRates(
        tx,
        fxRows.map(({ data: r }) => ({ month: r.month, currency: r.currency, rate: r.rate })),
        progress('fx_rates.csv', fxRows.length),
      );
      record('fx_rates.csv', fxRows.length, c);
    }

    const revenueRows = parsed['revenue.csv'];
    if (revenueRows) {
      const c = await q.upsertRevenue(
        tx,
        revenueRows.map(({ data: r }) => ({
          customerId: customerIds.get(r.customer)!,
          month: r.month,
          amount: r.amount,
          currency: r.currency,
        })),
        progress('revenue.csv', revenueRows.length),
      );
      record('revenue.csv', revenueRows.length, c);
    }

    const responseRows = parsed['responses.csv'];
    if (responseRows) {
      const c = await q.upsertResponses(
        tx,
        responseRows.map(({ data: r }) => ({
          externalId: r.external_id,
          customerId: customerIds.get(r.customer)!,
          employeeId: r.employee ? employeeIds.get(r.employee)! : null,
          kind: r.kind,
          score: r.score,
          respondedAt: r.responded_at,
          comment: r.comment,
        })),
        progress('responses.csv', responseRows.length),
      );
      record('responses.csv', responseRows.length, c);
    }

    const complaintRows = parsed['complaints.csv'];
    if (complaintRows) {
      const c = await q.upsertComplaints(
        tx,
        complaintRows.map(({ data: r }) => ({
          externalId: r.external_id,
          customerId: customerIds.get(r.customer)!,
          employeeId: employeeIds.get(r.employee)!,
          openedAt: r.opened_at,
          firstResponseAt: r.first_response_at,
          resolvedAt: r.resolved_at,
          validity: r.validity,
          severity: r.severity,
          followUpAt: r.follow_up_at,
        })),
        progress('complaints.csv', complaintRows.length),
      );
      record('complaints.csv', complaintRows.length, c);
    }

    const actionRows = parsed['recovery_actions.csv'];
    if (actionRows) {
      const complaintIds = await q.complaintIds(tx, [
        ...new Set(actionRows.map((r) => r.data.complaint)),
      ]);
      const c = await q.upsertRecoveryActions(
        tx,
        actionRows.map(({ data: r }) => ({
          externalId: r.external_id,
          complaintId: complaintIds.get(r.complaint)!,
          kind: r.kind,
          cost: r.cost,
          currency: r.currency,
          performedAt: r.performed_at,
          employeeId: employeeIds.get(r.employee)!,
        })),
        progress('recovery_actions.csv', actionRows.length),
      );
      record('recovery_actions.csv', actionRows.length, c);
    }

    if (plans) {
      const counts = { inserted: 0, updated: 0 };
      for (const plan of plans.plans) {
        const outcome = await savePlanVersion(tx, plan, options.actor);
        if (outcome === 'created') counts.inserted++;
        if (outcome === 'updated') counts.updated++;
      }
      record('plans.json', plans.plans.length, counts);
      options.onProgress?.({
        file: 'plans.json',
        done: plans.plans.length,
        total: plans.plans.length,
      });
    }
    if (assumptions) {
      const { valid_from, ...values } = assumptions;
      const saved = await saveAssumptions(
        tx,
        values,
        valid_from ?? EARLIEST_VALID_FROM,
        options.actor,
      );
      record('assumptions.json', 1, { inserted: saved.created ? 1 : 0, updated: 0 });
      options.onProgress?.({ file: 'assumptions.json', done: 1, total: 1 });
    }

    const changed = Object.values(result.changes).some((c) => c.inserted + c.updated > 0);
    if (changed) {
      await writeAudit(tx, {
        actor: options.actor,
        action: 'import',
        entity: 'data',
        after: result,
      });
    }
    return result;
  });
}

function bumpUpdated(result: ImportResult, file: string, changed: number) {
  const c = result.changes[file];
  if (!c || changed === 0) return;
  // a row whose only change is its segment counts once, as updated
  const moved = Math.min(changed, c.unchanged);
  c.updated += moved;
  c.unchanged -= moved;
}

function parseJson<T>(
  files: ImportFiles,
  name: JsonFileName,
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  errors: ImportError[],
): T | null {
  const content = files[name];
  if (content === undefined) return null;
  let value: unknown;
  try {
    value = JSON.parse(decodeText(content).replace(/^\uFEFF/, ''));
  } catch (err) {
    errors.push({
      file: name,
      line: null,
      column: null,
      message: `is not valid JSON: ${(err as Error).message}`,
    });
    return null;
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    errors.push({
      file: name,
      line: null,
      column: path || null,
      message: `${path || 'file'}: ${issue.message}`,
    });
  }
  return null;
}
