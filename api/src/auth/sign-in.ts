import type { Db, Role } from '@delight/db';
import { knownLocale, type Locale } from '../i18n/locales';
import { DomainError } from '../lib/errors';
import { decoyHash, verifyPassword } from './passwords';
import { closeLoginAttempt, openLoginAttempt, type Throttle, waitText } from './rate-limit';
import { createSession, type NewSession, type SessionInfo } from './sessions';
import { findUserByEmail, normalizeEmail } from './users';

/** What login and /me answer about the caller. */
export interface Me {
  user: {
    email: string | null;
    role: Role;
    employee: string | null;
    name: string | null;
    /** the language the user chose (PATCH /api/account/locale); null: not chosen, follow the browser */
    locale: Locale | null;
  };
  /** echo it in X-CSRF-Token on cookie-authenticated writes; null for API tokens */
  csrfToken: string | null;
}

export const meOfSession = (s: SessionInfo): Me => ({
  user: {
    email: s.email,
    role: s.principal.role,
    employee: s.principal.employeeExternalId,
    name: s.name,
    locale: s.principal.locale ?? null,
  },
  csrfToken: s.csrfToken,
});

/** One answer for an unknown email, a wrong password and a disabled user. */
export const invalidCredentials = () =>
  new DomainError('invalid_credentials', 'Wrong email or password');

/** 429 in words a person reads; Retry-After and details.retryAfter carry the seconds. */
export const rateLimited = (throttle: Throttle) =>
  new DomainError(
    'rate_limited',
    throttle.kind === 'address'
      ? `Too many failed sign-ins from your network; try again ${waitText(throttle.retryAfter)}.`
      : `Too many failed sign-ins to this account from your network; try again ${waitText(throttle.retryAfter)}, or ask an admin to lift the block.`,
    { retryAfter: throttle.retryAfter, limit: throttle.kind },
  );

export type SignInOutcome =
  | { kind: 'ok'; session: NewSession; me: Me }
  | { kind: 'rate_limited'; throttle: Throttle };

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
  if (attempt.throttle !== null) return { kind: 'rate_limited', throttle: attempt.throttle };

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
        locale: knownLocale(user.locale),
      },
      csrfToken: session.csrfToken,
    },
  };
}
