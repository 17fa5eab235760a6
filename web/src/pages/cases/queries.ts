import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, json } from '../../api/client';

export const CHANNELS = ['call', 'email', 'meeting', 'message', 'letter'] as const;
export const OUTCOMES = ['reached', 'no_answer', 'resolved'] as const;
export const RECOVERY_KINDS = [
  'apology_call',
  'apology_email',
  'handwritten_letter',
  'meeting',
  'gift',
  'free_service',
  'discount',
  'refund',
] as const;
export const CLOSE_REASONS = ['recovered', 'not_reachable', 'declined', 'unfounded'] as const;

// The closed loop's reads and writes, typed from the API's routes.
export type CaseList = InferResponseType<typeof api.cases.$get, 200>;
export type CaseRow = CaseList['rows'][number];
export type CaseDetail = InferResponseType<(typeof api.cases)[':id']['$get'], 200>;
export type CustomerDetail = InferResponseType<(typeof api.customers)[':id']['$get'], 200>;
export type Effectiveness = InferResponseType<typeof api.recovery.effectiveness.$get, 200>;
export type CommentPage = InferResponseType<typeof api.responses.$get, 200>;

export interface CaseFilters {
  scope?: string;
  status?: string;
  overdue?: string;
  kind?: string;
  segment?: string;
  owner?: string;
  score_max?: string;
  min_revenue?: string;
  sort?: string;
  page?: number;
  page_size?: number;
}

const clean = (f: CaseFilters) =>
  Object.fromEntries(
    Object.entries(f)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );

export const casesQuery = (f: CaseFilters) =>
  queryOptions({
    queryKey: ['cases', clean(f)] as const,
    queryFn: () => json<CaseList>(api.cases.$get({ query: clean(f) })),
    placeholderData: (prev) => prev,
  });

export const caseQuery = (id: string) =>
  queryOptions({
    queryKey: ['cases', 'one', id] as const,
    queryFn: () => json<CaseDetail>(api.cases[':id'].$get({ param: { id } })),
  });

export const customerQuery = (id: string, period?: string) =>
  queryOptions({
    queryKey: ['customer', id, period ?? 'now'] as const,
    queryFn: () =>
      json<CustomerDetail>(
        api.customers[':id'].$get({ param: { id }, query: period ? { period } : {} }),
      ),
  });

export const effectivenessQuery = (period: string, scope?: string) =>
  queryOptions({
    queryKey: ['recovery', 'effectiveness', period, scope ?? 'company'] as const,
    queryFn: () =>
      json<Effectiveness>(
        api.recovery.effectiveness.$get({ query: { period, ...(scope ? { scope } : {}) } }),
      ),
  });

export interface CommentFilters {
  scope?: string;
  period?: string;
  q?: string;
  kind?: string;
  score_min?: string;
  score_max?: string;
  page?: number;
  page_size?: number;
}
export const commentsQuery = (f: CommentFilters) =>
  queryOptions({
    queryKey: ['responses', clean(f)] as const,
    queryFn: () => json<CommentPage>(api.responses.$get({ query: clean(f) })),
    placeholderData: (prev) => prev,
  });

export type ContactBody = Parameters<(typeof api.cases)[':id']['contacts']['$post']>[0]['json'];
export type RecoveryBody = Parameters<(typeof api)['recovery-actions']['$post']>[0]['json'];
export type CloseBody = Parameters<(typeof api.cases)[':id']['close']['$post']>[0]['json'];

export const logContact = (id: string, body: ContactBody) =>
  json(api.cases[':id'].contacts.$post({ param: { id }, json: body }));

export const logRecoveryAction = (body: RecoveryBody) =>
  json(api['recovery-actions'].$post({ json: body }));

export const closeCase = (id: string, body: CloseBody) =>
  json(api.cases[':id'].close.$post({ param: { id }, json: body }));

export const reopenCase = (id: string) => json(api.cases[':id'].reopen.$post({ param: { id } }));

export const reassignCases = (ids: string[], owner: string) =>
  json(api.cases.reassign.$post({ json: { ids, owner } }));

/** Where a customer's page is: every table that lists customers links here. */
export const customerHref = (externalId: string) => `/customers/${encodeURIComponent(externalId)}`;
export const caseHref = (id: string) => `/cases/${encodeURIComponent(id)}`;
