import { type Db, type Executor, loginAttempts, queryRows } from '@delight/db';
import { eq, sql } from 'drizzle-orm';

/**
 * Sign-in throttling, stored in login_attempts so it holds across restarts and
 * processes. Only failed attempts count:
 * - per account: 5 failures within 15 minutes since its last successful sign-in;
 * - per address: 20 failures within 15 minutes, whatever the emails (password spraying).
 * Refused (429) attempts are not recorded, so a block lifts 15 minutes after the
 * failure that caused it, even while someone keeps trying.
 *
 * An attempt is written (as a failure) BEFORE the password is checked and counted
 * against the others, so parallel requests cannot all pass the check before any of
 * them is recorded: of N simultaneous guesses at most the limit get a verdict.
 */
export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

/** Seconds until the caller may try again, or null when not limited. */
export async function loginRetryAfter(
  db: Executor,
  email: string,
  address: string,
  /** the caller's own pending attempt, which does not count against itself */
  excludeId = -1,
): Promise<number | null> {
  // The n-th most recent failure in the window: while it is in the window, n failures are.
  const rows = await queryRows<{ retry: number | null }>(
    db,
    sql`select greatest(
          (select ceil(extract(epoch from (f.at - now()))) + ${LOGIN_WINDOW_SECONDS}
             from login_attempts f
            where f.email = ${email} and not f.success and f.id <> ${excludeId}
              and f.at > now() - make_interval(secs => ${LOGIN_WINDOW_SECONDS})
              and f.at > coalesce((select max(s.at) from login_attempts s
                                    where s.email = ${email} and s.success), '-infinity')
            order by f.at desc offset ${MAX_FAILURES_PER_ACCOUNT - 1} limit 1),
          (select ceil(extract(epoch from (f.at - now()))) + ${LOGIN_WINDOW_SECONDS}
             from login_attempts f
            where f.address = ${address} and not f.success and f.id <> ${excludeId}
              and f.at > now() - make_interval(secs => ${LOGIN_WINDOW_SECONDS})
            order by f.at desc offset ${MAX_FAILURES_PER_ADDRESS - 1} limit 1)
        )::int as retry`,
  );
  const retry = rows[0]?.retry ?? null;
  return retry === null ? null : Math.max(1, retry);
}

/**
 * Records an attempt as failed, then checks the limits counting every other attempt
 * (pending ones included). When limited, the attempt is withdrawn and the wait returned.
 */
export async function openLoginAttempt(
  db: Db,
  email: string,
  address: string,
): Promise<{ id: number; retryAfter: number | null }> {
  const [row] = await db
    .insert(loginAttempts)
    .values({ email, address, success: false })
    .returning({ id: loginAttempts.id });
  const id = row!.id;
  const retryAfter = await loginRetryAfter(db, email, address, id);
  if (retryAfter !== null) await db.delete(loginAttempts).where(eq(loginAttempts.id, id));
  return { id, retryAfter };
}

/** Marks the attempt's outcome (it was stored as a failure). */
export async function closeLoginAttempt(
  db: Db,
  id: number,
  email: string,
  success: boolean,
): Promise<void> {
  if (success)
    await db.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, id));
  // Keep the table small: this account's attempts older than a day serve no limit.
  await db.execute(
    sql`delete from login_attempts where email = ${email} and at < now() - interval '1 day'`,
  );
}
