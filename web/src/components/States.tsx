import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { errorMessage } from '../i18n/errors';
import { useT } from '../i18n/useT';

export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('state.loading')}
    </div>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const t = useT();
  return <div className="state state-empty">{children ?? t('state.empty')}</div>;
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  // a 403 here is always "this view is not yours", whatever the API's sentence
  const message =
    error instanceof ApiError && error.status === 403
      ? t('error.forbidden')
      : errorMessage(t, error);
  return (
    <div className="state state-error" role="alert">
      <strong>{t('state.errorTitle')}</strong> <span>{message}</span>
      {onRetry && (
        <button type="button" className="link-button" onClick={onRetry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}
/**
 * Renders a query's three non-happy states the same way everywhere, and the content
 * once data is there. `isEmpty` decides when loaded data counts as nothing to show.
 */
export function QueryView<T>({
  query,
  isEmpty,
  empty,
  loadingLabel,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  loadingLabel?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading {...(loadingLabel ? { label: loadingLabel } : {})} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (isEmpty?.(query.data)) return <Empty>{empty}</Empty>;
  return <>{children(query.data)}</>;
}
