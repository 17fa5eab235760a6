import { randomBytes } from 'node:crypto';
import { type Db, type Executor, queryRows, type Role, sessions } from '@delight/db';
import { eq, sql } from 'drizzle-orm';
import { knownLocale } from '../i18n/locales';
import { hashToken } from './hash';
import type { Principal } from './principal';

export const SESSION_COOKIE = 'dl_session';

export interface NewSession {
  /** goes into the cookie; the table stores only its SHA-256 */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Opens a server-side session with an absolute expiry (no sliding renewal). */
export async function createSession(db: Db, userId: number, ttlHours: number): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  // Expiry from the database clock, like every other check on this table.
  const rows = await queryRows<{ expires_at: string }>(
    db,
    sql`insert into sessions (token_hash, user_id, csrf_token, expires_at)
        values (${hashToken(token)}, ${userId}, ${csrfToken},
                now() + make_interval(secs => ${ttlHours * 3600}))
        returning expires_at::text`,
  );
  // Expired sessions (of every user) are of no use to anyone; clearing them at each
  // sign-in keeps the table to the live ones, so this scan stays short without an index.
  await db.execute(sql`delete from sessions where expires_at <= now()`);
  return { token, csrfToken, expiresAt: new Date(rows[0]!.expires_at) };
}

export interface SessionInfo {
  principal: Principal;
  csrfToken: string;
  email: string;
  name: string | null;
}

/** The live session of a cookie value: not expired, user not disabled; else null. */
export async function sessionForToken(db: Executor, token: string): Promise<SessionInfo | null> {
  const rows = await queryRows<{
    user_id: number;
    email: string;
    role: Role;
    csrf_token: string;
    employee_id: number | null;
    employee_external_id: string | null;
    name: string | null;
    locale: string | null;
  }>(
    db,
    sql`select u.id as user_id, u.email, u.role, s.csrf_token, u.employee_id,
               e.external_id as employee_external_id, e.name, u.locale
        from sessions s
        join users u on u.id = s.user_id
        left join employees e on e.id = u.employee_id
        where s.token_hash = ${hashToken(token)} and s.expires_at > now() and not u.disabled`,
  );
  const row = rows[0];
  if (!row) return null;
  return {
    principal: {
      kind: 'session',
      id: row.user_id,
      label: `user:${row.email}`,
      role: row.role,
      employeeId: row.employee_id,
      employeeExternalId: row.employee_external_id,
      locale: knownLocale(row.locale),
    },
    csrfToken: row.csrf_token,
    email: row.email,
    name: row.name,
  };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

/** Ends every session of a user at once (disabled, new password, new role); returns how many. */
export async function deleteUserSessions(db: Db, userId: number): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(eq(sessions.userId, userId))
    .returning({ tokenHash: sessions.tokenHash });
  return rows.length;
}
