import { ApiError } from '../../api/client';
import { errorMessage } from '../../i18n/errors';
import { useT } from '../../i18n/useT';
import type { Problem } from '../../queries/admin';

/** The `{ path, message }` list of a 422 (in `details`), or null for any other error. */
export function problemsOf(err: unknown): Problem[] | null {
  if (!(err instanceof ApiError) || err.status !== 422) return null;
  return Array.isArray(err.details) ? (err.details as Problem[]) : null;
}

export function ProblemList({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  const problems = problemsOf(error);
  const message = errorMessage(t, error, 'admin.saveFailed');
  return (
    <div className="state-error" role="alert" data-testid="problems">
      <strong>{problems ? t('admin.notSaved') : message}</strong>
      {problems && (
        <ul>
          {problems.map((p) => (
            // the message names the line and field in words; the path is for the form
            <li key={`${p.path}:${p.message}`}>{p.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
