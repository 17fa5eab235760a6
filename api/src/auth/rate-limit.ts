import { type Db, type Executor, loginAttempts, queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';

/**
 * Sign-in throttling, stored in login_attempts so it holds across restarts and
 * processes. Only failed attempts count:
 * - per account: 5 failures within 15 minutes since its last successful sign-in;
 * - per address: 20 failures within 15 minutes, whatever the emails (password spraying).
 * Refused (429) attempts are not recorded, so a block lifts 15 minutes after the
 * failure that caused it, even while someone keeps trying.
 */
export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

/** Seconds until the caller may try again, or null when not limited. */
export async function loginRetryAfter(
  db: Executor,
  email: string,
  address: string,
): Promise<number | null> {
  // The n-th most recent failure in the window: while it is in the window, n failures are.
  const rows = await queryRows<{ retry: number | null }>(
    db,
    sql`select greatest(
          (select ceil(extract(epoch from (f.at - now()))) + ${LOGIN_WINDOW_SECONDS}
             from login_attempts f
            where f.email = ${email} and not f.success
              and f.at > now() - make_interval(secs => ${LOGIN_WINDOW_SECONDS})
              and f.at > coalesce((select max(s.at) from login_attempts s
                                    where s.email = ${email} and s.success), '-infinity')
            order by f.at desc offset ${MAX_FAILURES_PER_ACCOUNT - 1} limit 1),
          (select ceil(extract(epoch from (f.at - now()))) + ${LOGIN_WINDOW_SECONDS}
             from login_attempts f
            where f.address = ${address} and not f.success
              and f.at > now() - make_interval(secs => ${LOGIN_WINDOW_SECONDS})
            order by f.at desc offset ${MAX_FAILURES_PER_ADDRESS - 1} limit 1)
        )::int as retry`,
  );
  const retry = rows[0]?.retry ?? null;
  return retry === null ? null : Math.max(1, retry);
}

export async function recordLoginAttempt(
  db: Db,
  email: string,
  address: string,
  success: boolean,
): Promise<void> {
  await db.insert(loginAttempts).values({ email, address, success });
  // Keep the table small: this account's attempts older than a day serve no limit.
  await db.execute(
    sql`delete from login_attempts where email = ${email} and at < now() - interval '1 day'`,
  );
}
