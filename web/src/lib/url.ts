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
  const period = rawPeriod && periodKind(rawPeriod) ? rawPeriod : defaultPeriod();
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
    scope,
    params,
    setPeriod: (p: string) => setParam('period', p),
    setScope: (s: string) => setParam('scope', s),
    setParam,
  };
}
