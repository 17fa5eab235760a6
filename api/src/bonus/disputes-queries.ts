import { type DisputeStatus, type Executor, queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';

/** A dispute as stored: one statement line of one employee in one period. */
export interface DisputeRow extends Record<string, unknown> {
  id: number;
  period: string;
  employee: string;
  /** the employee's name (null if no longer in the data) */
  name: string | null;
  line: string;
  comment: string;
  status: DisputeStatus;
  raised_by: string;
  raised_at: string;
  resolved_by: string | null;
  resolved_at: string | null;
  reply: string | null;
  adjustment_amount: string | null;
  adjustment_reason: string | null;
}

export interface AdjustmentRow extends Record<string, unknown> {
  id: number;
  employee: string;
  amount: string;
  currency: string;
  reason: string;
  dispute_id: number | null;
  created_by: string;
  created_at: string;
}

const at = (column: string) =>
  sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

const disputeColumns = sql`d.id, d.period, d.employee_external_id as employee, e.name, d.line, d.comment,
  d.status::text as status, d.raised_by, ${at('d.raised_at')} as raised_at, d.resolved_by,
  ${at('d.resolved_at')} as resolved_at, d.reply, a.amount::text as adjustment_amount,
  a.reason as adjustment_reason`;

/** Disputes of a period, oldest first; of one employee when named, of one status when given. */
export function disputesOf(
  db: Executor,
  period: string,
  filter: { employee?: string; status?: DisputeStatus } = {},
): Promise<DisputeRow[]> {
  return queryRows<DisputeRow>(
    db,
    sql`select ${disputeColumns}
        from bonus_disputes d left join bonus_adjustments a on a.dispute_id = d.id
          left join employees e on e.external_id = d.employee_external_id
        where d.period = ${period}
          and (${filter.employee ?? null}::text is null or d.employee_external_id = ${filter.employee ?? null})
          and (${filter.status ?? null}::text is null or d.status::text = ${filter.status ?? null})
        order by d.id`,
  );
}

/** One dispute, locked for its resolution (a second resolver waits, then sees it resolved). */
export async function disputeForUpdate(db: Executor, id: number): Promise<DisputeRow | null> {
  await db.execute(sql`select id from bonus_disputes where id = ${id} for update`);
  const rows = await queryRows<DisputeRow>(
    db,
    sql`select ${disputeColumns}
        from bonus_disputes d left join bonus_adjustments a on a.dispute_id = d.id
          left join employees e on e.external_id = d.employee_external_id
        where d.id = ${id}`,
  );
  return rows[0] ?? null;
}

export async function countOpenDisputes(db: Executor, period: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from bonus_disputes where period = ${period} and status = 'open'`,
  );
  return row?.n ?? 0;
}

export async function hasOpenDispute(
  db: Executor,
  period: string,
  employee: string,
  line: string,
): Promise<boolean> {
  const rows = await queryRows<{ ok: number }>(
    db,
    sql`select 1 as ok from bonus_disputes where period = ${period}
        and employee_external_id = ${employee} and line = ${line} and status = 'open'`,
  );
  return rows.length > 0;
}

export async function insertDispute(
  db: Executor,
  d: { period: string; employee: string; line: string; comment: string; raisedBy: string },
): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into bonus_disputes (period, employee_external_id, line, comment, raised_by)
        values (${d.period}, ${d.employee}, ${d.line}, ${d.comment}, ${d.raisedBy})
        returning id`,
  );
  return row!.id;
}

export async function resolveDisputeRow(
  db: Executor,
  id: number,
  status: 'accepted' | 'rejected',
  resolvedBy: string,
  reply: string | null,
): Promise<void> {
  await db.execute(
    sql`update bonus_disputes set status = ${status}, resolved_by = ${resolvedBy},
          resolved_at = now(), reply = ${reply}
        where id = ${id}`,
  );
}

export async function insertAdjustment(
  db: Executor,
  a: {
    period: string;
    employee: string;
    disputeId: number;
    amount: string;
    currency: string;
    reason: string;
    createdBy: string;
  },
): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into bonus_adjustments (period, employee_external_id, dispute_id, amount, currency, reason, created_by)
        values (${a.period}, ${a.employee}, ${a.disputeId}, ${a.amount}::numeric, ${a.currency}, ${a.reason}, ${a.createdBy})
        returning id`,
  );
  return row!.id;
}

/** Every adjustment of a period, in the order they were made. */
export function adjustmentsOf(db: Executor, period: string): Promise<AdjustmentRow[]> {
  return queryRows<AdjustmentRow>(
    db,
    sql`select id, employee_external_id as employee, amount::text as amount, currency, reason,
          dispute_id, created_by, ${at('created_at')} as created_at
        from bonus_adjustments where period = ${period} order by id`,
  );
}
