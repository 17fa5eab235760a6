import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { QueryView } from '../../components/States';
import { TableWrap } from '../../components/TableWrap';
import { useT } from '../../i18n/useT';
import { formatDate, formatInteger, formatMoney } from '../../lib/format';
import { useSegmentName } from '../../lib/segments';
import { customersQuery } from '../../queries/customers';
import { customerHref } from '../cases/queries';

/**
 * Detractors to call back, most revenue at risk first. Only detractors carry revenue
 * at risk, so the server's sort on it brings them to the front of the list.
 */
export function DetractorQueue({ period, scope }: { period: string; scope: string }) {
  const t = useT();
  const segmentName = useSegmentName();
  const query = useQuery(
    customersQuery({ period, scope, sort: 'revenue_at_risk', dir: 'desc', page: 1, pageSize: 200 }),
  );
  return (
    <QueryView
      query={query}
      isEmpty={(d) => !d.customers.some((c) => c.nps_class === 'detractor')}
      empty={t('segments.queue.empty')}
    >
      {(d) => (
        <TableWrap label={t('segments.queue.title')}>
          <table className="data" data-testid="detractor-queue">
            <thead>
              <tr>
                <th scope="col">{t('customers.col.name')}</th>
                <th scope="col">{t('customers.col.segment')}</th>
                <th scope="col" className="num">
                  {t('segments.queue.latestNps')}
                </th>
                <th scope="col">{t('segments.queue.answered')}</th>
                <th scope="col" className="num">
                  {t('customers.col.openComplaints')}
                </th>
                <th scope="col" className="num">
                  {t('customers.col.revenueAtRisk')}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.customers
                .filter((c) => c.nps_class === 'detractor')
                .map((c) => (
                  <tr key={c.external_id}>
                    <td translate="no">
                      <Link href={customerHref(c.external_id)}>{c.name}</Link>
                    </td>
                    <td translate="no">{segmentName(c.segment)}</td>
                    <td className="num">{formatInteger(c.latest.nps?.score)}</td>
                    <td>{formatDate(c.latest.nps?.at ?? null)}</td>
                    <td className="num">{formatInteger(c.open_complaints)}</td>
                    <td className="num">{formatMoney(c.revenue_at_risk, d.currency)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </QueryView>
  );
}
