import { useQuery } from '@tanstack/react-query';
import { Msg } from '../i18n/Msg';
import { useT } from '../i18n/useT';
import { formatInteger, formatNumber } from '../lib/format';
import { leaderboardQuery } from '../queries/leaderboard';
import { QueryView } from './States';
import { TableWrap } from './TableWrap';

/**
 * Service champions: agents ranked by NPS adjusted for sample size (shrunk toward their
 * segment with the admin's k), only those with at least the admin's minimum of answers.
 * Each row shows the raw NPS with its margin of error, n and the adjusted value; the
 * page says how it ranks. Agents below the minimum are counted, not ranked.
 */
export function Leaderboard({
  period,
  onSelect,
}: {
  period: string;
  onSelect: (employeeId: string) => void;
}) {
  const t = useT();
  const query = useQuery(leaderboardQuery(period));
  return (
    <QueryView query={query}>
      {(b) => (
        <>
          <p className="muted" data-testid="leaderboard-rule">
            {b.k === 0
              ? t('leaderboard.rule.raw', { min: b.min_n })
              : t('leaderboard.rule.shrunk', { k: b.k, min: b.min_n })}
          </p>
          {b.rows.length === 0 ? (
            <p>{t('leaderboard.empty', { min: b.min_n })}</p>
          ) : (
            <TableWrap label={t('leaderboard.label')}>
              <table className="data" data-testid="leaderboard">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{t('leaderboard.col.employee')}</th>
                    <th scope="col" className="num" title={t('leaderboard.col.adjustedTitle')}>
                      {t('leaderboard.col.adjusted')}
                    </th>
                    <th scope="col" className="num">
                      {t('kpi.name.nps')}
                    </th>
                    <th scope="col" className="num" title={t('leaderboard.col.moeTitle')}>
                      ±
                    </th>
                    <th scope="col" className="num">
                      n
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {b.rows.map((r) => (
                    <tr
                      key={r.id}
                      data-employee={r.id}
                      className="clickable"
                      tabIndex={0}
                      onClick={() => onSelect(r.id)}
                      onKeyDown={(ev) => ev.key === 'Enter' && onSelect(r.id)}
                    >
                      <td>{r.rank}</td>
                      <td translate="no">{r.name}</td>
                      <td className="num">{formatNumber(r.shrunk, 1)}</td>
                      <td className="num">{formatNumber(r.raw, 1)}</td>
                      <td className="num">{formatNumber(r.moe, 1)}</td>
                      <td className="num">{formatInteger(r.n)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          {b.below_minimum.length > 0 && (
            <p className="muted" data-testid="leaderboard-below">
              <Msg
                id="leaderboard.below"
                values={{
                  count: b.below_minimum.length,
                  min: b.min_n,
                  names: (
                    <span translate="no">
                      {b.below_minimum
                        .map((r) => `${r.name}, n = ${formatInteger(r.n)}`)
                        .join('; ')}
                    </span>
                  ),
                }}
              />
            </p>
          )}
        </>
      )}
    </QueryView>
  );
}
