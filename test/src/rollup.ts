import { type Database, queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';

/** kpi_response_daily computed directly from the responses. */
export const RAW_ROLLUP = sql`
  select (r.responded_at at time zone 'UTC')::date::text as day, c.segment_id,
    coalesce(r.employee_id, 0) as employee_id,
    count(*) filter (where r.kind = 'nps')::int as nps_n,
    count(*) filter (where r.kind = 'nps' and r.score >= 9)::int as promoters,
    count(*) filter (where r.kind = 'nps' and r.score <= 6)::int as detractors,
    count(*) filter (where r.kind = 'csat')::int as csat_n,
    count(*) filter (where r.kind = 'csat' and r.score >= 4)::int as csat_good,
    count(*) filter (where r.kind = 'ces')::int as ces_n,
    coalesce(sum(r.score) filter (where r.kind = 'ces'), 0)::int as ces_sum
  from responses r join customers c on c.id = r.customer_id
  group by 1, 2, 3 order by 1, 2, 3`;

/** The stored rollup (rows emptied by deletes stay as zeros and are left out). */
export const STORED_ROLLUP = sql`
  select day::text as day, segment_id, employee_id, nps_n, promoters, detractors, csat_n,
    csat_good, ces_n, ces_sum::int as ces_sum
  from kpi_response_daily where nps_n + csat_n + ces_n > 0 order by 1, 2, 3`;

/** Both, as plain objects, for an equality assertion. */
export async function rollupVsDirect(database: Database) {
  const direct = await queryRows(database.db, RAW_ROLLUP);
  const stored = await queryRows(database.db, STORED_ROLLUP);
  return { direct: direct.map((r) => ({ ...r })), stored: stored.map((r) => ({ ...r })) };
}
