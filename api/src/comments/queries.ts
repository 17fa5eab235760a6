import { type Executor, queryRows } from '@delight/db';
import { type SQL, sql } from 'drizzle-orm';
import { customerScope, type ResolvedScope } from '../lib/scope';

export interface CommentRow extends Record<string, unknown> {
  external_id: string;
  customer: string;
  customer_name: string;
  segment: string;
  employee: string | null;
  kind: string;
  score: number;
  responded_at: string;
  comment: string;
}

export interface CommentQuery {
  scope: ResolvedScope;
  /** what the caller may see, on `customers c` */
  visible: SQL;
  /** [from, to) timestamps, or none */
  from?: string | undefined;
  to?: string | undefined;
  kind?: string | undefined;
  scoreMin?: number | undefined;
  scoreMax?: number | undefined;
  /** words that must all occur in the comment, any case */
  words: string[];
  limit: number;
  offset: number;
}

/** Responses of a scope: segment and manager by the customer, employee by the response's employee. */
const scopeOf = (scope: ResolvedScope): SQL => customerScope(scope, sql`r.employee_id`);

/** A word as an ILIKE pattern that matches it literally anywhere. */
export const containsPattern = (word: string) => `%${word.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/**
 * Verbatim comments, newest first, one page with the total. The search is a
 * case-insensitive substring match of every word (ILIKE): it needs no stemmer or
 * dictionary, so Cyrillic, Latvian, Bulgarian or English text all match the same way,
 * on PGlite and on a server alike (case folding follows the database's UTF-8 ctype).
 */
export async function commentPage(
  db: Executor,
  q: CommentQuery,
): Promise<{ rows: CommentRow[]; total: number }> {
  const where: SQL[] = [sql`r.comment is not null`, q.visible, scopeOf(q.scope)];
  if (q.from) where.push(sql`r.responded_at >= ${q.from}::timestamptz`);
  if (q.to) where.push(sql`r.responded_at < ${q.to}::timestamptz`);
  if (q.kind) where.push(sql`r.kind = ${q.kind}::response_kind`);
  if (q.scoreMin !== undefined) where.push(sql`r.score >= ${q.scoreMin}`);
  if (q.scoreMax !== undefined) where.push(sql`r.score <= ${q.scoreMax}`);
  for (const w of q.words) where.push(sql`r.comment ilike ${containsPattern(w)}`);
  const rows = await queryRows<CommentRow & { total: number }>(
    db,
    sql`select r.external_id, c.external_id as customer, c.name as customer_name,
          s.external_id as segment, e.external_id as employee, r.kind::text as kind,
          r.score::int as score,
          to_char(r.responded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as responded_at,
          r.comment, count(*) over ()::int as total
        from responses r
        join customers c on c.id = r.customer_id
        join segments s on s.id = c.segment_id
        left join employees e on e.id = r.employee_id
        where ${sql.join(where, sql` and `)}
        order by r.responded_at desc, r.external_id collate "C" desc
        limit ${q.limit} offset ${q.offset}`,
  );
  return {
    rows: rows.map(({ total: _t, ...r }) => ({ ...r, score: Number(r.score) })),
    total: Number(rows[0]?.total ?? 0),
  };
}
