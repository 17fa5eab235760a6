import { queryOptions } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { api, json } from '../api/client';

export type CustomerPage = InferResponseType<typeof api.customers.$get, 200>;
export type CustomerRow = CustomerPage['customers'][number];
export type CustomerSort = NonNullable<
  InferRequestType<typeof api.customers.$get>['query']['sort']
>;
export type LetGoAnswer = InferResponseType<(typeof api.customers)['cost-to-serve']['$get'], 200>;

export interface CustomerListParams {
  period: string;
  /** omitted: the API picks the caller's own scope (manager, agent) */
  scope?: string;
  sort: CustomerSort;
  dir: 'asc' | 'desc';
  page: number;
  pageSize?: number;
}

/** One server-sorted page of customers; the key holds everything the server sorts and pages by. */
export const customersQuery = (p: CustomerListParams) =>
  queryOptions({
    queryKey: [
      'customers',
      p.period,
      p.scope ?? 'own',
      p.sort,
      p.dir,
      p.page,
      p.pageSize ?? 25,
    ] as const,
    queryFn: () =>
      json<CustomerPage>(
        api.customers.$get({
          query: {
            period: p.period,
            ...(p.scope ? { scope: p.scope } : {}),
            sort: p.sort,
            dir: p.dir,
            page: String(p.page),
            page_size: String(p.pageSize ?? 25),
          },
        }),
      ),
    placeholderData: (prev) => prev,
  });

export const letGoQuery = (period: string, scope?: string) =>
  queryOptions({
    queryKey: ['customers', period, scope ?? 'own', 'let-go'] as const,
    queryFn: () =>
      json<LetGoAnswer>(
        api.customers['cost-to-serve'].$get({ query: { period, ...(scope ? { scope } : {}) } }),
      ),
  });

export type RecoveryLog = InferResponseType<(typeof api.customers)['recovery-log']['$get'], 200>;
export type RecoveryAction = RecoveryLog['actions'][number];

/** One server page of the recovery log (newest first), with totals by kind. */
export const recoveryLogQuery = (period: string, scope: string | undefined, page: number) =>
  queryOptions({
    queryKey: ['customers', period, scope ?? 'own', 'recovery-log', page] as const,
    queryFn: () =>
      json<RecoveryLog>(
        api.customers['recovery-log'].$get({
          query: { period, ...(scope ? { scope } : {}), page: String(page), page_size: '20' },
        }),
      ),
    placeholderData: (prev) => prev,
  });
