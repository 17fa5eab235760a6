import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, json } from '../api/client';

export type Leaderboard = InferResponseType<typeof api.kpis.leaderboard.$get, 200>;

/** The service-champion board: ranked by shrunk NPS, only samples of at least min_n. */
export const leaderboardQuery = (period: string, role = 'agent') =>
  queryOptions({
    queryKey: ['kpis', 'leaderboard', period, role] as const,
    queryFn: () =>
      json<Leaderboard>(api.kpis.leaderboard.$get({ query: { period, role: role as 'agent' } })),
  });
