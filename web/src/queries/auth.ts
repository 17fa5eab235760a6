import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { ApiError, api, json, setCsrfToken } from '../api/client';

export type SessionAnswer = InferResponseType<typeof api.auth.me.$get, 200>;
export type SessionUser = SessionAnswer['user'];
export type Role = SessionUser['role'];

/** The API's minimum (api/src/auth/users.ts), checked before sending. */
export const MIN_PASSWORD_LENGTH = 8;

/** Who is signed in, or null (401). Also arms the CSRF header for later writes. */
export const meQuery = () =>
  queryOptions({
    queryKey: ['auth', 'me'] as const,
    queryFn: async (): Promise<SessionAnswer | null> => {
      try {
        const me = await json<SessionAnswer>(api.auth.me.$get());
        setCsrfToken(me.csrfToken ?? null);
        return me;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

export async function login(email: string, password: string): Promise<SessionAnswer> {
  const answer = await json<SessionAnswer>(api.auth.login.$post({ json: { email, password } }));
  setCsrfToken(answer.csrfToken ?? null);
  return answer;
}

export async function logout(): Promise<void> {
  await api.auth.logout.$post();
  setCsrfToken(null);
}

/** Where each role lands after sign-in (DESIGN.md, Access). */
export function homeFor(user: SessionUser): string {
  switch (user.role) {
    case 'segment_manager':
      return '/segments';
    case 'agent':
      return '/scorecard';
    case 'hr':
      return '/hr';
    default:
      return '/overview';
  }
}
