import { type SQL, sql } from 'drizzle-orm';

/** The settings key of the case SLA in hours (DESIGN.md, Closed loop; default 48). */
export const SLA_SETTING = 'sla_hours';
export const DEFAULT_SLA_HOURS = 48;

/** The SLA in hours as a SQL numeric, read from settings where the statement runs. */
export const slaHours = (): SQL =>
  sql`coalesce((select st.value::numeric from settings st where st.key = ${SLA_SETTING}), ${DEFAULT_SLA_HOURS}::numeric)`;

/**
 * Every case as a row set (DESIGN.md, Closed loop): each NPS answer 0–6 and each valid
 * complaint, read straight from responses and complaints, with the decisions of
 * case_states. Columns: id (`r-12`, `c-7`), subject, subject_id, customer_id,
 * opened_at, score, severity, resolved_at, handler_id, source (the external id),
 * comment, owner_id (an override, else the account manager, else the segment's
 * manager), closed_at, close_reason, close_note, due_at.
 *
 * Nothing of a case is copied: a re-import that changes a score, a validity or an
 * account manager changes the case with it.
 */
export function casesSql(): SQL {
  return sql`
    select b.*, coalesce(cs.owner_id, c0.account_manager_id, s0.manager_id) as owner_id,
      cs.closed_at, cs.close_reason, cs.close_note,
      b.opened_at + ${slaHours()} * interval '1 hour' as due_at
    from (
      select 'response'::case_subject as subject, r.id as subject_id, 'r-' || r.id as id,
        r.customer_id, r.responded_at as opened_at, r.score::int as score,
        null::text as severity, null::timestamptz as resolved_at, null::int as handler_id,
        r.external_id as source, r.comment
      from responses r where r.kind = 'nps' and r.score <= 6
      union all
      select 'complaint'::case_subject, k.id, 'c-' || k.id, k.customer_id, k.opened_at, null::int,
        k.severity::text, k.resolved_at, k.employee_id, k.external_id, null::text
      from complaints k where k.validity = 'valid'
    ) b
    join customers c0 on c0.id = b.customer_id
    join segments s0 on s0.id = c0.segment_id
    left join case_states cs on cs.subject = b.subject and cs.subject_id = b.subject_id`;
}

/** Contacts of a case row `x`: on its response or its complaint. */
export const contactsOf = (x: string): SQL =>
  sql.raw(
    `(case when ${x}.subject = 'response' then ct.response_id = ${x}.subject_id else ct.complaint_id = ${x}.subject_id end)`,
  );
