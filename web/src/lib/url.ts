import { useCallback } from 'react';
import { useSearchParams } from 'wouter';
import { defaultPeriod, periodKind } from './period';

/**
 * The view's period and scope live in the URL (`?period=2026-Q1&scope=segment:S1`) so a
 * view can be shared and bookmarked; everything else on the page derives from them.
 */
export function useView(defaults: { scope?: string } = {}) {
  const [params, setParams] = useSearchParams();
  const rawPeriod = params.get('period');
  // a period in the URL is kept even when it is not one (2026-Q7) or has not started:
  // the API then refuses it in words and the period picker says so, instead of the
  // page quietly showing another period
  const period = rawPeriod || defaultPeriod();
  const periodValid = periodKind(period) !== null;
  const scope = params.get('scope') || defaults.scope || 'company';

  const setParam = useCallback(
    (name: string, value: string | null) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (value === null || value === '') next.delete(name);
        else next.set(name, value);
        // a new period or scope starts any paged list from its first page
        if (name !== 'page') next.delete('page');
        return next;
      });
    },
    [setParams],
  );

  return {
    period,
    /** false when the URL's period is not a period at all */
    periodValid,
    scope,
    params,
    setPeriod: (p: string) => setParam('period', p),
    setScope: (s: string) => setParam('scope', s),
    setParam,
  };
}
