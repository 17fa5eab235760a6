import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { ApiError } from '../../api/client';
import { ErrorState } from '../../components/States';
import { formatInteger } from '../../lib/format';
import { type ImportProblem, uploadImport } from '../../queries/admin';

/** Upload of the import CSVs; a rejected import lists every problem by file and line. */
export function ImportForm() {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const upload = useMutation({
    mutationFn: (files: File[]) => uploadImport(files),
    // new data moves every figure
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const rejected =
    upload.error instanceof ApiError && upload.error.status === 422
      ? ((upload.error.body?.errors as ImportProblem[] | undefined) ?? [])
      : null;
  const totalErrors =
    upload.error instanceof ApiError ? Number(upload.error.body?.total_errors ?? 0) : 0;
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        const files = [...(input.current?.files ?? [])];
        if (files.length > 0) upload.mutate(files);
      }}
    >
      <p className="muted">
        Any of employees.csv, segments.csv, customers.csv, fx_rates.csv, revenue.csv, responses.csv,
        complaints.csv, recovery_actions.csv. A file with a bad row rejects the whole import;
        nothing is half-written.
      </p>
      <label>
        Files
        <input ref={input} type="file" name="files" accept=".csv,text/csv" multiple />
      </label>
      <button type="submit" className="primary" disabled={upload.isPending}>
        {upload.isPending ? 'Importing…' : 'Import'}
      </button>
      {upload.isSuccess && (
        <div role="status" data-testid="import-result">
          Imported:{' '}
          {Object.entries(upload.data.imported)
            .map(([f, n]) => `${f} ${formatInteger(n)}`)
            .join(', ')}
        </div>
      )}
      {rejected && (
        <div role="alert" className="import-errors">
          <p className="form-error">
            {upload.error?.message}
            {totalErrors > rejected.length ? ` (first ${rejected.length} shown)` : ''}
          </p>
          <table className="data" data-testid="import-errors">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col" className="num">
                  Line
                </th>
                <th scope="col">Column</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {rejected.map((e) => (
                <tr key={`${e.file}:${e.line}:${e.column}:${e.message}`}>
                  <td>{e.file}</td>
                  <td className="num">{e.line ?? '—'}</td>
                  <td>{e.column ?? '—'}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {upload.isError && !rejected && <ErrorState error={upload.error} />}
    </form>
  );
}
