import { useQuery } from '@tanstack/react-query';
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
  const query = useQuery(leaderboardQuery(period));
  return (
    <QueryView query={query}>
      {(b) => (
        <>
          <p className="muted" data-testid="leaderboard-rule">
            {b.ranks_by}
          </p>
          {b.rows.length === 0 ? (
            <p>No agent has {b.min_n} or more NPS answers in this period, so nobody is ranked.</p>
          ) : (
            <TableWrap label={'Service champions'}>
              <table className="data" data-testid="leaderboard">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Employee</th>
                    <th scope="col" className="num" title="NPS adjusted for sample size">
                      Adjusted NPS
                    </th>
                    <th scope="col" className="num">
                      NPS
                    </th>
                    <th scope="col" className="num" title="95 % margin of error of the NPS">
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
                      <td>{r.name}</td>
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
              Not ranked: {b.below_minimum.length}{' '}
              {b.below_minimum.length === 1 ? 'agent has' : 'agents have'} fewer than {b.min_n}{' '}
              answers ({b.below_minimum.map((r) => `${r.name}, n = ${r.n}`).join('; ')}).
            </p>
          )}
        </>
      )}
    </QueryView>
  );
}
