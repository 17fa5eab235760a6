import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, json } from '../api/client';

export type MoneyAnswer = InferResponseType<typeof api.money.$get, 200>;
export type ExplainAnswer = InferResponseType<typeof api.money.explain.$get, 200>;
export type MoneyFigure = ExplainAnswer['figure'];

export const moneyQuery = (period: string, scope: string) =>
  queryOptions({
    queryKey: ['money', period, scope] as const,
    queryFn: () => json<MoneyAnswer>(api.money.$get({ query: { period, scope } })),
  });

export const explainQuery = (period: string, scope: string, figure: MoneyFigure) =>
  queryOptions({
    queryKey: ['money', period, scope, 'explain', figure] as const,
    queryFn: () =>
      json<ExplainAnswer>(api.money.explain.$get({ query: { period, scope, figure } })),
    staleTime: 60_000,
  });
