import type { Db, Role } from '@delight/db';
import { AppError } from '../lib/errors';
import { decoyHash, verifyPassword } from './passwords';
import { closeLoginAttempt, openLoginAttempt } from './rate-limit';
import { createSession, type NewSession, type SessionInfo } from './sessions';
import { findUserByEmail, normalizeEmail } from './users';

/** What login and /me answer about the caller. */
export interface Me {
  user: { email: string | null; role: Role; employee: string | null; name: string | null };
  /** echo it in X-CSRF-Token on cookie-authenticated writes; null for API tokens */
  csrfToken: string | null;
}

export const meOfSession = (s: SessionInfo): Me => ({
  user: {
    email: s.email,
    role: s.principal.role,
    employee: s.principal.employeeExternalId,
    name: s.name,
  },
  csrfToken: s.csrfToken,
});

/** One answer for an unknown email, a wrong password and a disabled user. */
export const invalidCredentials = () =>
  new AppError(401, 'invalid_credentials', 'Wrong email or password');

export const rateLimited = (retryAfter: number) =>
  new AppError(429, 'rate_limited', `Too many failed sign-ins; try again in ${retryAfter} s`, {
    retryAfter,
  });

export type SignInOutcome =
  | { kind: 'ok'; session: NewSession; me: Me }
  | { kind: 'rate_limited'; retryAfter: number };

/**
 * Checks the rate limit, then the password (against a decoy hash when the email is
 * unknown, so both failures take the same time), records the attempt, and opens a
 * session. Throws 401 `invalid_credentials` on any failure.
 */
export async function signIn(
  db: Db,
  input: { email: string; password: string; address: string; ttlHours: number },
): Promise<SignInOutcome> {
  const email = normalizeEmail(input.email);
  const attempt = await openLoginAttempt(db, email, input.address);
  if (attempt.retryAfter !== null) return { kind: 'rate_limited', retryAfter: attempt.retryAfter };

  const user = await findUserByEmail(db, email);
  const matches = await verifyPassword(input.password, user?.password_hash ?? (await decoyHash()));
  const ok = user !== null && matches && !user.disabled;
  await closeLoginAttempt(db, attempt.id, email, ok);
  if (!ok || !user) throw invalidCredentials();

  const session = await createSession(db, user.id, input.ttlHours);
  return {
    kind: 'ok',
    session,
    me: {
      user: {
        email: user.email,
        role: user.role,
        employee: user.employee_external_id,
        name: user.name,
      },
      csrfToken: session.csrfToken,
    },
  };
}
