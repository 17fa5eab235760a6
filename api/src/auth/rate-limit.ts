import { type Db, type Executor, loginAttempts, queryRows } from '@delight/db';
import { eq, sql } from 'drizzle-orm';

/**
 * Sign-in throttling that slows the guesser, never the account's owner. Stored in
 * login_attempts, so it holds across restarts and replicas. Nothing is keyed on the
 * account alone: five wrong passwords from one place must not lock the executive or
 * the last admin out everywhere.
 *
 * - per account AND address: the first FREE_FAILURES failures (since the last success
 *   from that address, within a day) cost nothing; each one after that makes the next
 *   try from that address wait twice as long as the one before: 1, 2, 4 … minutes, at
 *   most an hour. The owner elsewhere signs in as usual.
 * - per address, whatever the accounts (password spraying): ADDRESS_LIMIT failures
 *   within ADDRESS_WINDOW, then a wait until the oldest of them leaves the window. An
 *   account that signed in from this address within KNOWN_ADDRESS_DAYS is exempt, so
 *   a colleague behind the same office NAT is not caught in a spray.
 * - an admin clears an account's failures (POST /api/users/:id/unlock, or
 *   `pnpm delight user unlock ID`).
 *
 * Refused (429) attempts are not recorded, so hammering does not lengthen the wait.
 * An attempt is written (as a failure) BEFORE the password is checked and counted
 * against the others, so parallel requests cannot all pass the check before any of
 * them is recorded. The client address is the socket's peer, or the X-Forwarded-For
 * hop a trusted proxy vouches for (DELIGHT_TRUSTED_PROXIES).
 */
export const FREE_FAILURES = 5;
export const FIRST_DELAY_SECONDS = 60;
export const MAX_DELAY_SECONDS = 60 * 60;
export const ADDRESS_LIMIT = 20;
export const ADDRESS_WINDOW_SECONDS = 15 * 60;
export const KNOWN_ADDRESS_DAYS = 30;

/** The wait after `failures` consecutive failures of one account from one address. */
export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES));
}

export type LimitKind = 'account_address' | 'address';

export interface Throttle {
  /** seconds until the next attempt may be made */
  retryAfter: number;
  kind: LimitKind;
}

/** The throttle on the next attempt of this account from this address, or null. */
export async function loginThrottle(
  db: Executor,
  email: string,
  address: string,
  /** the caller's own pending attempt, which does not count against itself */
  excludeId = -1,
): Promise<Throttle | null> {
  const [row] = await queryRows<{
    failures: number;
    last_ago: number | null;
    known: boolean;
    address_retry: number | null;
  }>(
    db,
    sql`with last_success as (
          select max(at) as at from login_attempts
           where email = ${email} and address = ${address} and success
        )
        select
          (select count(*)::int from login_attempts f, last_success s
            where f.email = ${email} and f.address = ${address} and not f.success
              and f.id <> ${excludeId} and f.at > now() - interval '1 day'
              and f.at > coalesce(s.at, '-infinity')) as failures,
          (select extract(epoch from now() - max(f.at))::float8 from login_attempts f, last_success s
            where f.email = ${email} and f.address = ${address} and not f.success
              and f.id <> ${excludeId} and f.at > now() - interval '1 day'
              and f.at > coalesce(s.at, '-infinity')) as last_ago,
          coalesce((select s.at > now() - make_interval(days => ${KNOWN_ADDRESS_DAYS})
                      from last_success s), false) as known,
          (select extract(epoch from f.at - now())::float8 + ${ADDRESS_WINDOW_SECONDS}
             from login_attempts f
            where f.address = ${address} and not f.success and f.id <> ${excludeId}
              and f.at > now() - make_interval(secs => ${ADDRESS_WINDOW_SECONDS})
            order by f.at desc offset ${ADDRESS_LIMIT - 1} limit 1) as address_retry`,
  );
  if (!row) return null;
  const pairWait = delayAfter(row.failures) - (row.last_ago ?? 0);
  const addressWait = row.known ? 0 : (row.address_retry ?? 0);
  if (pairWait <= 0 && addressWait <= 0) return null;
  return pairWait >= addressWait
    ? { retryAfter: Math.max(1, Math.ceil(pairWait)), kind: 'account_address' }
    : { retryAfter: Math.max(1, Math.ceil(addressWait)), kind: 'address' };
}

/**
 * Records an attempt as failed, then checks the limits counting every other attempt
 * (pending ones included). When limited, the attempt is withdrawn and the throttle returned.
 */
export async function openLoginAttempt(
  db: Db,
  email: string,
  address: string,
): Promise<{ id: number; throttle: Throttle | null }> {
  const [row] = await db
    .insert(loginAttempts)
    .values({ email, address, success: false })
    .returning({ id: loginAttempts.id });
  const id = row!.id;
  const throttle = await loginThrottle(db, email, address, id);
  if (throttle !== null) await db.delete(loginAttempts).where(eq(loginAttempts.id, id));
  return { id, throttle };
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
  // Keep the table small: failures older than a day serve no limit; successes are
  // kept for the known-address exemption.
  await db.execute(
    sql`delete from login_attempts
         where email = ${email}
           and ((not success and at < now() - interval '1 day')
             or (success and at < now() - make_interval(days => ${KNOWN_ADDRESS_DAYS})))`,
  );
}

/** An admin lifts the throttle of an account: its failures are forgotten, from every address. */
export async function clearLoginFailures(db: Executor, email: string): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`delete from login_attempts where email = ${email} and not success returning id`,
  );
  return rows.length;
}

/** "in 1 minute", "in 7 minutes", "in 1 hour": what a person reads, never "897 s". */
export function waitText(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes === 60) return 'in 1 hour';
  return minutes === 1 ? 'in 1 minute' : `in ${minutes} minutes`;
}
