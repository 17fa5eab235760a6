import { type Db, sessions, users } from '@delight/db';
import { and, eq, ne } from 'drizzle-orm';
import { writeAudit } from '../audit/log';
import { badRequest, DomainError } from '../lib/errors';
import { hashToken } from './hash';
import { hashPassword, verifyPassword } from './passwords';
import { closeLoginAttempt, openLoginAttempt, type Throttle } from './rate-limit';
import { checkPassword, findUserByEmail } from './users';

export const wrongCurrentPassword = () =>
  new DomainError('wrong_password', 'Your current password is not correct');

export type PasswordChange =
  | { kind: 'ok'; sessionsEnded: number }
  | { kind: 'rate_limited'; throttle: Throttle };

/**
 * A signed-in user changes their own password: the current one must be right (a wrong
 * one counts as a failed sign-in of the account from this address, so a stolen session
 * cannot be used to guess it), the new one must be long enough and different. Every
 * other session of the user ends; this one stays. Audited as `user.password`.
 */
export async function changeOwnPassword(
  db: Db,
  input: {
    email: string;
    currentPassword: string;
    newPassword: string;
    address: string;
    /** the session cookie of the request, which stays signed in */
    sessionToken: string;
  },
): Promise<PasswordChange> {
  checkPassword(input.newPassword);
  if (input.newPassword === input.currentPassword) {
    throw badRequest('The new password must differ from the current one');
  }
  const user = await findUserByEmail(db, input.email);
  if (!user) throw wrongCurrentPassword();
  const attempt = await openLoginAttempt(db, user.email, input.address);
  if (attempt.throttle !== null) return { kind: 'rate_limited', throttle: attempt.throttle };
  const ok = await verifyPassword(input.currentPassword, user.password_hash);
  await closeLoginAttempt(db, attempt.id, user.email, ok);
  if (!ok) throw wrongCurrentPassword();

  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    const ended = await tx
      .delete(sessions)
      .where(
        and(eq(sessions.userId, user.id), ne(sessions.tokenHash, hashToken(input.sessionToken))),
      )
      .returning({ tokenHash: sessions.tokenHash });
    await writeAudit(tx, {
      actor: `user:${user.email}`,
      action: 'user.password',
      entity: `user:${user.email}`,
      before: null,
      after: { passwordChanged: true, sessionsEnded: ended.length },
    });
    return { kind: 'ok', sessionsEnded: ended.length };
  });
}
