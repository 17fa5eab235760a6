import type { Executor } from '@delight/db';
import { sql } from 'drizzle-orm';

/**
 * The read models the dashboards read instead of the raw tables, kept exact in the
 * write path — by the import and ingest (applyFile, from each file's delta, before the
 * rows are written), in their transaction, in proportion to what changes — instead of
 * by statement triggers, which distributed PostgreSQL (Citus, CockroachDB) does not
 * run. A writer that changes responses or customers another way (a restore, a test
 * that writes tables directly) calls rebuildReadModels in its transaction.
 *
 * kpi_response_daily: responses counted per UTC day, current customer segment and
 * employee (0 = none); migration 0001 declares it.
 */

const run = (db: Executor, text: string) => db.execute(sql.raw(text));

/**
 * Adds signed response rows — a query with columns sign, responded_at, segment_id,
 * employee_id, kind, score — into the daily rollup.
 */
function addToDaily(source: string): string {
  return `insert into kpi_response_daily as d
    select (x.responded_at at time zone 'UTC')::date, x.segment_id, coalesce(x.employee_id, 0),
      sum(x.sign * (x.kind = 'nps')::int),
      sum(x.sign * (x.kind = 'nps' and x.score >= 9)::int),
      sum(x.sign * (x.kind = 'nps' and x.score <= 6)::int),
      sum(x.sign * (x.kind = 'csat')::int),
      sum(x.sign * (x.kind = 'csat' and x.score >= 4)::int),
      sum(x.sign * (x.kind = 'ces')::int),
      sum(x.sign * case when x.kind = 'ces' then x.score else 0 end)
    from (${source}) x
    group by 1, 2, 3
    on conflict (day, segment_id, employee_id) do update set
      nps_n = d.nps_n + excluded.nps_n,
      promoters = d.promoters + excluded.promoters,
      detractors = d.detractors + excluded.detractors,
      csat_n = d.csat_n + excluded.csat_n,
      csat_good = d.csat_good + excluded.csat_good,
      ces_n = d.ces_n + excluded.ces_n,
      ces_sum = d.ces_sum + excluded.ces_sum`;
}

/**
 * Before the changed responses of `delta` (new and changed rows, `found` for a stored
 * key; see applyFile) are written: their stored versions leave the rollup, the new
 * versions enter it. Customers are written before responses, so the segment is current.
 */
export async function responsesChanging(db: Executor, delta: string): Promise<void> {
  await run(
    db,
    addToDaily(`
      select 1 as sign, v.responded_at, c.segment_id, v.employee_id, v.kind, v.score
      from ${delta} v join customers c on c.id = v.customer_id
      union all
      select -1, t.responded_at, c.segment_id, t.employee_id, t.kind, t.score
      from ${delta} v join responses t on t.external_id = v.external_id
      join customers c on c.id = t.customer_id
      where v.found`),
  );
}

/**
 * Before the changed customers of `delta` are written: a customer moving to another
 * segment takes its responses along (segment membership is the current value, applied
 * to all history).
 */
export async function customersChanging(db: Executor, delta: string): Promise<void> {
  await run(
    db,
    addToDaily(`
      select s.sign, r.responded_at, s.segment_id, r.employee_id, r.kind, r.score
      from ${delta} v
      join customers o on o.external_id = v.external_id and o.segment_id <> v.segment_id
      cross join lateral (values (1, v.segment_id), (-1, o.segment_id)) s(sign, segment_id)
      join responses r on r.customer_id = o.id
      where v.found`),
  );
}

/** Recomputes every read model from the tables (a restore; direct table writes). */
export async function rebuildReadModels(db: Executor): Promise<void> {
  await run(db, 'delete from kpi_response_daily');
  await run(
    db,
    addToDaily(`select 1 as sign, r.responded_at, c.segment_id, r.employee_id, r.kind, r.score
      from responses r join customers c on c.id = r.customer_id`),
  );
}
