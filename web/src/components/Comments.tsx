import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import type { MessageId } from '../i18n/catalogs';
import { Msg } from '../i18n/Msg';
import { useT } from '../i18n/useT';
import { formatDate, formatInteger } from '../lib/format';
import { commentsQuery, customerHref } from '../pages/cases/queries';
import { QueryView } from './States';

const SCORES: Record<string, { label: MessageId; min?: string; max?: string }> = {
  all: { label: 'customers.comments.score.all' },
  detractors: { label: 'customers.comments.score.detractors', max: '6' },
  promoters: { label: 'customers.comments.score.promoters', min: '9' },
};

/**
 * What customers wrote, beside the numbers: verbatim comments of the scope, newest
 * first, with a word search that works in any language and filters by score and period.
 */
export function Comments({
  scope,
  period,
  title,
  initialScore = 'all',
}: {
  scope?: string;
  period: string;
  title?: string;
  initialScore?: keyof typeof SCORES;
}) {
  const t = useT();
  const heading = title ?? t('customers.comments.title');
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
    <section className="panel comments-panel" aria-label={heading}>
      <h2>{heading}</h2>
      <form
        className="controls"
        aria-label={t('customers.comments.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          setQ(text.trim());
        }}
      >
        <label>
          {t('customers.comments.search')}
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit">{t('customers.comments.searchButton')}</button>
        <label>
          {t('customers.comments.scoreLabel')}
          <select value={score} onChange={(e) => setScore(e.target.value)}>
            {Object.entries(SCORES).map(([k, v]) => (
              <option key={k} value={k}>
                {t(v.label)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={allTime} onChange={(e) => setAllTime(e.target.checked)} />
          {t('customers.comments.allTime')}
        </label>
      </form>
      <QueryView
        query={query}
        isEmpty={(d) => d.rows.length === 0}
        empty={q ? t('customers.comments.noMatch', { q }) : t('customers.comments.empty')}
      >
        {(d) => (
          <>
            <p className="muted">{t('customers.comments.count', { n: d.total })}</p>
            <ul className="comments" data-testid="comments">
              {d.rows.map((r) => (
                <li key={r.external_id}>
                  {/* the customer's own words, in their language */}
                  <blockquote translate="no">{r.comment}</blockquote>
                  <p className="muted">
                    <Msg
                      id="customers.comments.meta"
                      values={{
                        score: formatInteger(r.score),
                        date: formatDate(r.responded_at),
                        customer: (
                          <Link href={customerHref(r.customer)} translate="no">
                            {r.customer_name}
                          </Link>
                        ),
                      }}
                    />
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
