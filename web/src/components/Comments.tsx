import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { formatDate, formatInteger } from '../lib/format';
import { commentsQuery, customerHref } from '../pages/cases/queries';
import { QueryView } from './States';

const SCORES: Record<string, { label: string; min?: string; max?: string }> = {
  all: { label: 'Every answer' },
  detractors: { label: 'Detractors (0–6)', max: '6' },
  promoters: { label: 'Promoters (9–10)', min: '9' },
};

/**
 * What customers wrote, beside the numbers: verbatim comments of the scope, newest
 * first, with a word search that works in any language and filters by score and period.
 */
export function Comments({
  scope,
  period,
  title = 'What customers wrote',
  initialScore = 'all',
}: {
  scope?: string;
  period: string;
  title?: string;
  initialScore?: keyof typeof SCORES;
}) {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [score, setScore] = useState<string>(initialScore);
  const [allTime, setAllTime] = useState(false);
  const s = SCORES[score] ?? SCORES.all!;
  const query = useQuery(
    commentsQuery({
      ...(scope ? { scope } : {}),
      ...(allTime ? {} : { period }),
      kind: 'nps',
      q,
      ...(s.min ? { score_min: s.min } : {}),
      ...(s.max ? { score_max: s.max } : {}),
      page_size: 10,
    }),
  );
  return (
    <section className="panel comments-panel" aria-label={title}>
      <h2>{title}</h2>
      <form
        className="controls"
        aria-label="Comment filters"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(text.trim());
        }}
      >
        <label>
          Search the comments
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit">Search</button>
        <label>
          Score
          <select value={score} onChange={(e) => setScore(e.target.value)}>
            {Object.entries(SCORES).map(([k, v]) => (
              <option key={k} value={k}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={allTime} onChange={(e) => setAllTime(e.target.checked)} />
          Every period, not only this one
        </label>
      </form>
      <QueryView
        query={query}
        isEmpty={(d) => d.rows.length === 0}
        empty={q ? `No comment contains “${q}”.` : 'No comments for these filters.'}
      >
        {(d) => (
          <>
            <p className="muted">{d.total === 1 ? 'One comment.' : `${d.total} comments.`}</p>
            <ul className="comments" data-testid="comments">
              {d.rows.map((r) => (
                <li key={r.external_id}>
                  <blockquote>{r.comment}</blockquote>
                  <p className="muted">
                    Score {formatInteger(r.score)} · {formatDate(r.responded_at)} ·{' '}
                    <Link href={customerHref(r.customer)}>{r.customer_name}</Link>
                  </p>
                </li>
              ))}
            </ul>
          </>
        )}
      </QueryView>
    </section>
  );
}
