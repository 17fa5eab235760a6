import type { Executor } from '@delight/db';
import { sql } from 'drizzle-orm';

/**
 * The demo's case decisions, after its import: older contacted cases are closed (most
 * recovered, some declined, the unreachable ones as not reachable), so the case list
 * shows every state. Deterministic: it depends only on the imported rows.
 */
export async function closeDemoCases(db: Executor, asOf: string): Promise<void> {
  await db.execute(sql`
    with touched as (
      select 'response'::case_subject as subject, ct.response_id as subject_id,
        max(ct.contacted_at) as last_at, bool_or(ct.outcome <> 'no_answer') as reached,
        min(ct.employee_id) as employee_id
      from contacts ct join responses r on r.id = ct.response_id
      where r.kind = 'nps' and r.score <= 6
      group by ct.response_id
      union all
      select 'complaint'::case_subject, ct.complaint_id, max(ct.contacted_at),
        bool_or(ct.outcome <> 'no_answer'), min(ct.employee_id)
      from contacts ct join complaints k on k.id = ct.complaint_id
      where k.validity = 'valid'
      group by ct.complaint_id
    ),
    closing as (
      select subject, subject_id, last_at + interval '2 hours' as closed_at, employee_id,
        (case when not reached then 'not_reachable'
              when subject_id % 11 = 0 then 'declined' else 'recovered' end)::case_close_reason as reason
      from touched
      where last_at < ${`${asOf}T00:00:00Z`}::timestamptz - interval '10 days'
        and subject_id % 10 < 7
    ),
    written as (
      insert into case_states (subject, subject_id, closed_at, close_reason, closed_by, close_note)
      select subject, subject_id, closed_at, reason, employee_id, 'Closed in the demo history'
      from closing
      returning subject, subject_id, closed_at, close_reason
    )
    insert into case_events (subject, subject_id, at, actor, event, reason)
    select subject, subject_id, closed_at, 'demo', 'closed', close_reason from written`);
}
