import { queryOptions } from '@tanstack/react-query';
import { ApiError, getJson, sendJson, setCsrfToken } from '../api/client';

export type Role = 'executive' | 'hr' | 'segment_manager' | 'agent' | 'admin';

export interface SessionUser {
  email: string;
  role: Role;
  /** employee external id (managers and agents) */
  employee: string | null;
  name: string | null;
}
export interface SessionAnswer {
  user: SessionUser;
  csrfToken: string;
}

/** Who is signed in, or null (401). Also arms the CSRF header for later writes. */
export const meQuery = () =>
  queryOptions({
    queryKey: ['auth', 'me'] as const,
    queryFn: async (): Promise<SessionAnswer | null> => {
      try {
        const me = await getJson<SessionAnswer>('/api/auth/me');
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
  const answer = await sendJson<SessionAnswer>('POST', '/api/auth/login', { email, password });
  setCsrfToken(answer.csrfToken ?? null);
  return answer;
}

export async function logout(): Promise<void> {
  await sendJson<unknown>('POST', '/api/auth/logout');
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
