import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, json } from '../api/client';

export type SignalsAnswer = InferResponseType<typeof api.signals.$get, 200>;
export type Signal = SignalsAnswer['signals'][number];

/** Signals for review of a period (without a scope: company for hr, the team for a manager). */
export const signalsQuery = (period: string, scope?: string) =>
  queryOptions({
    queryKey: ['signals', period, scope ?? 'default'] as const,
    queryFn: () =>
      json<SignalsAnswer>(api.signals.$get({ query: { period, ...(scope ? { scope } : {}) } })),
  });
