import { type Executor, queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import type { CurrencyTotal } from './service';

/** Locks the period's row (creating it as open first), so two steps on one run take turns. */
export async function lockPeriodRow(db: Executor, key: string): Promise<void> {
  await db.execute(
    sql`insert into bonus_periods (period, status) values (${key}, 'open')
        on conflict (period) do nothing`,
  );
  await db.execute(sql`select id from bonus_periods where period = ${key} for update`);
}

export async function markSubmitted(
  db: Executor,
  key: string,
  by: string,
  fingerprint: string,
  totals: CurrencyTotal[],
): Promise<void> {
  await db.execute(
    sql`update bonus_periods set status = 'submitted', submitted_at = now(), submitted_by = ${by},
          approved_at = null, approved_by = null, fingerprint = ${fingerprint},
          run_totals = ${JSON.stringify(totals)}::jsonb
        where period = ${key}`,
  );
}

export async function markApproved(db: Executor, key: string, by: string): Promise<void> {
  await db.execute(
    sql`update bonus_periods set status = 'approved', approved_at = now(), approved_by = ${by}
        where period = ${key}`,
  );
}

/** Back to open: the sign-off is cleared, the reason kept for everyone to read. */
export async function markReopened(db: Executor, key: string, reason: string): Promise<void> {
  await db.execute(
    sql`update bonus_periods set status = 'open', submitted_at = null, submitted_by = null,
          approved_at = null, approved_by = null, fingerprint = null, run_totals = null,
          reopen_reason = ${reason}, reopened_at = now()
        where period = ${key}`,
  );
}

/** Runs waiting for sign-off (submitted or approved), with the totals they were submitted with. */
export function runsAwaitingSignOff(
  db: Executor,
): Promise<{ period: string; status: string; fingerprint: string | null; run_totals: unknown }[]> {
  return queryRows(
    db,
    sql`select period, status::text as status, fingerprint, run_totals from bonus_periods
        where status in ('submitted', 'approved') order by period collate "C"`,
  );
}
