import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { QueryView } from '../../components/States';
import { TableWrap } from '../../components/TableWrap';
import { formatInteger, formatMoney, formatShare } from '../../lib/format';
import { useSegmentName } from '../../lib/segments';
import { letGoQuery } from '../../queries/customers';
import { customerHref } from '../cases/queries';

const REASON: Record<string, string> = {
  cost_exceeds_margin: 'recovery cost above margin',
  unfounded_complaints: '3+ unfounded complaints',
};

/** Customers whose cost to serve exceeds their value (DESIGN.md, let-go list). */
export function LetGoList({ period, scope }: { period: string; scope: string }) {
  const segmentName = useSegmentName();
  const query = useQuery(letGoQuery(period, scope));
  return (
    <QueryView
      query={query}
      isEmpty={(d) => d.customers.length === 0}
      empty="No customer costs more to serve than they bring."
    >
      {(d) => (
        <TableWrap label={'Let go candidates'}>
          <p className="muted">
            Gross margin assumption: {formatShare(d.gross_margin)}; last 12 months.
          </p>
          <table className="data" data-testid="let-go">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Segment</th>
                <th scope="col" className="num">
                  Revenue (12 m)
                </th>
                <th scope="col" className="num">
                  Margin
                </th>
                <th scope="col" className="num">
                  Recovery cost
                </th>
                <th scope="col" className="num">
                  Unfounded complaints
                </th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {d.customers.map((c) => (
                <tr key={c.external_id}>
                  <td>
                    <Link href={customerHref(c.external_id)}>{c.name}</Link>{' '}
                    <span className="muted">({c.external_id})</span>
                  </td>
                  <td>{segmentName(c.segment)}</td>
                  <td className="num">{formatMoney(c.ttm, d.currency)}</td>
                  <td className="num">{formatMoney(c.margin, d.currency)}</td>
                  <td className="num">{formatMoney(c.recovery_cost, d.currency)}</td>
                  <td className="num">{formatInteger(c.unfounded_complaints)}</td>
                  <td>{c.reasons.map((r) => REASON[r] ?? r).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </QueryView>
  );
}
