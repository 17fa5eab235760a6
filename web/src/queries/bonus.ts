import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, downloadUrl, json } from '../api/client';

export type BonusRun = InferResponseType<typeof api.bonus.$get, 200>;
export type BonusRow = BonusRun['rows'][number];
export type BonusLine = BonusRow['lines'][number];
export type Statement = InferResponseType<typeof api.bonus.statement.$get, 200>;
export type Needs = InferResponseType<(typeof api.bonus)['what-do-i-need']['$get'], 200>;
export type PeriodState = InferResponseType<(typeof api.periods)[':period']['$get'], 200>;
export type AuditPage = InferResponseType<typeof api.audit.$get, 200>;

export const bonusRunQuery = (period: string) =>
  queryOptions({
    queryKey: ['bonus', period] as const,
    queryFn: () => json<BonusRun>(api.bonus.$get({ query: { period } })),
  });

const who = (employee?: string | null) => (employee ? { employee } : {});

export const statementQuery = (period: string, employee?: string | null) =>
  queryOptions({
    queryKey: ['bonus', period, 'statement', employee ?? 'me'] as const,
    queryFn: () =>
      json<Statement>(api.bonus.statement.$get({ query: { period, ...who(employee) } })),
  });

export const needsQuery = (period: string, employee?: string | null) =>
  queryOptions({
    queryKey: ['bonus', period, 'needs', employee ?? 'me'] as const,
    queryFn: () =>
      json<Needs>(api.bonus['what-do-i-need'].$get({ query: { period, ...who(employee) } })),
  });

export const periodStateQuery = (period: string) =>
  queryOptions({
    queryKey: ['periods', period] as const,
    queryFn: () => json<PeriodState>(api.periods[':period'].$get({ param: { period } })),
  });

export async function closePeriod(period: string): Promise<unknown> {
  return json(api.periods[':period'].close.$post({ param: { period } }));
}

/** The HR CSV as a link the browser downloads with its session cookie. */
export const exportCsvUrl = (period: string): string =>
  downloadUrl('/api/bonus/export.csv', { period });

export const auditQuery = (filters: { action?: string; before?: number }) =>
  queryOptions({
    queryKey: ['audit', filters.action ?? '', filters.before ?? 0] as const,
    queryFn: () =>
      json<AuditPage>(
        api.audit.$get({
          query: {
            limit: '50',
            ...(filters.action ? { action: filters.action } : {}),
            ...(filters.before ? { before: String(filters.before) } : {}),
          },
        }),
      ),
  });
