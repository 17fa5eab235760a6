import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ApiError, getJson } from '../../api/client';
import { ErrorState } from '../../components/States';
import type { MessageId } from '../../i18n/catalogs';
import { Msg } from '../../i18n/Msg';
import { useT } from '../../i18n/useT';
import { formatInteger, formatMoney } from '../../lib/format';
import { periodLabel } from '../../lib/period';
import type { ImportProblem } from '../../queries/admin';
import { startImportJob, uploadImport } from '../../queries/admin';

/** The files the import reads (docs/import-format.md). */
const FILES = [
  'employees.csv',
  'segments.csv',
  'customers.csv',
  'fx_rates.csv',
  'revenue.csv',
  'responses.csv',
  'complaints.csv',
  'recovery_actions.csv',
  'contacts.csv',
  'plans.json',
  'assumptions.json',
];

interface Changes {
  inserted: number;
  updated: number;
  unchanged: number;
}
interface CurrencyDifference {
  currency: string;
  before: string;
  after: string;
  difference: string;
}
/** POST /api/import's answer; with ?dry_run=1 also the bonus totals before → after. */
interface ImportAnswer {
  imported: Record<string, number>;
  changes: Record<string, Changes>;
  dry_run?: true;
  bonus?: { period: string; differences: CurrencyDifference[] }[];
}

function upload(files: File[], dryRun: boolean): Promise<ImportAnswer> {
  return uploadImport(files, dryRun);
}

/** GET /api/imports/{id}: an import job (docs/import-format.md, Import jobs). */
interface FileProgress {
  file: string;
  phase: 'queued' | 'reading' | 'checking' | 'writing' | 'done';
  rows: number;
  bytes: number;
  total_bytes: number;
  rows_per_second: number;
}
interface ImportJob {
  id: string;
  state: 'queued' | 'running' | 'succeeded' | 'failed';
  files: FileProgress[];
  status?: number;
  result?: ImportAnswer;
  error?: Record<string, unknown>;
}

/** The apply step runs as a job (202), so a big import shows its progress. */
function startJob(files: File[]): Promise<ImportJob> {
  return startImportJob<ImportJob>(files);
}

const PHASE: Readonly<Record<FileProgress['phase'], MessageId>> = {
  queued: 'import.phase.queued',
  reading: 'import.phase.reading',
  checking: 'import.phase.checking',
  writing: 'import.phase.writing',
  done: 'import.phase.done',
};

function JobProgress({ job }: { job: ImportJob }) {
  const t = useT();
  return (
    <ul data-testid="import-progress" aria-label={t('import.progress')}>
      {job.files.map((f) => {
        const share = f.total_bytes > 0 ? f.bytes / f.total_bytes : f.phase === 'done' ? 1 : 0;
        return (
          <li key={f.file}>
            <label>
              <Msg
                id="import.progressFile"
                values={{
                  file: <span translate="no">{f.file}</span>,
                  phase: t(PHASE[f.phase]),
                  rows: f.rows,
                }}
              />
              {f.rows_per_second > 0
                ? ` ${t('import.rate', { rate: formatInteger(f.rows_per_second) })}`
                : ''}
              <progress max={1} value={share} style={{ display: 'block', width: '100%' }} />
            </label>
          </li>
        );
      })}
    </ul>
  );
}

/** A failed job's error as the synchronous import would have thrown it. */
function jobError(job: ImportJob | undefined): ApiError | null {
  if (job?.state !== 'failed') return null;
  const body = job.error ?? {};
  return new ApiError(
    job.status ?? 500,
    typeof body.code === 'string' ? body.code : 'import_failed',
    typeof body.message === 'string' ? body.message : 'The import failed',
    body.details,
    body,
  );
}

function ChangesTable({ answer }: { answer: ImportAnswer }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table className="data" data-testid="import-changes">
        <caption className="muted">{t('import.rowsPerFile')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.col.file')}</th>
            <th scope="col" className="num">
              {t('import.col.new')}
            </th>
            <th scope="col" className="num">
              {t('import.col.changed')}
            </th>
            <th scope="col" className="num">
              {t('import.col.unchanged')}
            </th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(answer.changes).map(([file, c]) => (
            <tr key={file}>
              <td translate="no">{file}</td>
              <td className="num">{formatInteger(c.inserted)}</td>
              <td className="num">{formatInteger(c.updated)}</td>
              <td className="num">{formatInteger(c.unchanged)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BonusChanges({ answer }: { answer: ImportAnswer }) {
  const t = useT();
  const rows = (answer.bonus ?? []).flatMap((b) =>
    b.differences.map((d) => ({ period: b.period, ...d })),
  );
  if (rows.length === 0) return <p className="muted">{t('import.noBonus')}</p>;
  return (
    <div className="table-wrap">
      <table className="data" data-testid="import-bonus">
        <caption className="muted">{t('import.bonusTotals')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.col.period')}</th>
            <th scope="col" className="num">
              {t('import.col.now')}
            </th>
            <th scope="col" className="num">
              {t('import.col.after')}
            </th>
            <th scope="col" className="num">
              {t('import.col.change')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.period}:${r.currency}`}>
              <td>{periodLabel(r.period)}</td>
              <td className="num">{formatMoney(r.before, r.currency)}</td>
              <td className="num">{formatMoney(r.after, r.currency)}</td>
              <td className="num">{formatMoney(r.difference, r.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Upload of the import files (CSV and the two JSON files). Nothing is written at first:
 * the files are checked and measured (a dry run) and the form shows what the import
 * would change — rows per file and the bonus totals of the open periods — and applies
 * it only when the admin confirms. A rejected import lists every problem by file and line.
 */
export function ImportForm() {
  const t = useT();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const check = useMutation({ mutationFn: (f: File[]) => upload(f, true) });
  const apply = useMutation({ mutationFn: startJob });
  const jobId = apply.data?.id;
  const job = useQuery({
    queryKey: ['import-job', jobId],
    queryFn: () => getJson<ImportJob>(`/api/imports/${jobId}`),
    enabled: jobId !== undefined,
    refetchInterval: (q) => {
      const state = q.state.data?.state;
      return state === 'succeeded' || state === 'failed' ? false : 500;
    },
  });
  const current = job.data ?? apply.data;
  const running =
    current !== undefined && (current.state === 'queued' || current.state === 'running');
  const succeeded = current?.state === 'succeeded' ? current.result : undefined;
  useEffect(() => {
    // new data moves every figure
    if (succeeded) {
      check.reset();
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'import-job' });
    }
  }, [succeeded, check.reset, queryClient]);
  const applying = apply.isPending || running;
  const error = check.error ?? apply.error ?? job.error ?? jobError(current);
  const rejected =
    error instanceof ApiError && error.status === 422
      ? ((error.body?.errors as ImportProblem[] | undefined) ?? [])
      : null;
  const totalErrors = error instanceof ApiError ? Number(error.body?.total_errors ?? 0) : 0;
  const preview = check.data;
  const nothingChanges =
    preview !== undefined &&
    Object.values(preview.changes).every((c) => c.inserted + c.updated === 0);
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        const chosen = [...(input.current?.files ?? [])];
        setFiles(chosen);
        apply.reset();
        if (chosen.length > 0) check.mutate(chosen);
      }}
    >
      <p className="muted">
        <Msg id="import.intro" values={{ files: <span translate="no">{FILES.join(', ')}</span> }} />
      </p>
      <label>
        {t('import.files')}
        <input
          ref={input}
          type="file"
          name="files"
          accept=".csv,.json,text/csv,application/json"
          multiple
        />
      </label>
      <button type="submit" className="primary" disabled={check.isPending || applying}>
        {check.isPending ? t('import.checking') : t('import.submit')}
      </button>
      {preview && (
        <section data-testid="import-preview" aria-label={t('import.previewLabel')}>
          <p role="status">{nothingChanges ? t('import.nothingChanges') : t('import.checked')}</p>
          <ChangesTable answer={preview} />
          <BonusChanges answer={preview} />
          <div style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap' }}>
            <button
              type="button"
              className="primary"
              disabled={applying || nothingChanges}
              onClick={() => apply.mutate(files)}
            >
              {applying ? t('import.importing') : t('import.apply')}
            </button>
            <button type="button" onClick={() => check.reset()} disabled={applying}>
              {t('import.cancel')}
            </button>
          </div>
        </section>
      )}
      {current && current.files.length > 0 && current.state !== 'succeeded' && (
        <JobProgress job={current} />
      )}
      {succeeded && (
        <div role="status" data-testid="import-result">
          {t('import.imported')}{' '}
          <span translate="no">
            {Object.entries(succeeded.imported)
              .map(([f, n]) => `${f} ${formatInteger(n)}`)
              .join(', ')}
          </span>
        </div>
      )}
      {rejected && (
        <div role="alert" className="import-errors">
          <p className="form-error">
            {t('import.rejected', { n: totalErrors })}
            {totalErrors > rejected.length
              ? ` ${t('import.firstShown', { n: rejected.length })}`
              : ''}
          </p>
          <div className="table-wrap">
            <table className="data" data-testid="import-errors">
              <thead>
                <tr>
                  <th scope="col">{t('import.col.file')}</th>
                  <th scope="col" className="num">
                    {t('import.col.line')}
                  </th>
                  <th scope="col">{t('import.col.column')}</th>
                  <th scope="col">{t('import.col.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {rejected.map((e) => (
                  <tr key={`${e.file}:${e.line}:${e.column}:${e.message}`}>
                    <td translate="no">{e.file}</td>
                    <td className="num">{e.line ?? '—'}</td>
                    <td translate="no">{e.column ?? '—'}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {error && !rejected && <ErrorState error={error} />}
    </form>
  );
}
