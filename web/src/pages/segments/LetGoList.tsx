import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { QueryView } from '../../components/States';
import { TableWrap } from '../../components/TableWrap';
import type { MessageId } from '../../i18n/catalogs';
import { useT } from '../../i18n/useT';
import { formatInteger, formatMoney, formatShare } from '../../lib/format';
import { useSegmentName } from '../../lib/segments';
import { letGoQuery } from '../../queries/customers';
import { customerHref } from '../cases/queries';

const REASON: Record<string, MessageId> = {
  cost_exceeds_margin: 'segments.letGo.reason.cost_exceeds_margin',
  unfounded_complaints: 'segments.letGo.reason.unfounded_complaints',
};

/** Customers whose cost to serve exceeds their value (DESIGN.md, let-go list). */
export function LetGoList({ period, scope }: { period: string; scope: string }) {
  const t = useT();
  const segmentName = useSegmentName();
  const reason = (r: string) => {
    const id = REASON[r];
    return id ? t(id) : r;
  };
  const query = useQuery(letGoQuery(period, scope));
  return (
    <QueryView
      query={query}
      isEmpty={(d) => d.customers.length === 0}
      empty={t('segments.letGo.empty')}
    >
      {(d) => (
        <TableWrap label={t('segments.letGo.label')}>
          <p className="muted">
            {t('segments.letGo.note', { margin: formatShare(d.gross_margin) })}
          </p>
          <table className="data" data-testid="let-go">
            <thead>
              <tr>
                <th scope="col">{t('customers.col.name')}</th>
                <th scope="col">{t('customers.col.segment')}</th>
                <th scope="col" className="num">
                  {t('customers.col.ttm')}
                </th>
                <th scope="col" className="num">
                  {t('segments.letGo.margin')}
                </th>
                <th scope="col" className="num">
                  {t('segments.letGo.recoveryCost')}
                </th>
                <th scope="col" className="num">
                  {t('segments.letGo.unfounded')}
                </th>
                <th scope="col">{t('segments.letGo.why')}</th>
              </tr>
            </thead>
            <tbody>
              {d.customers.map((c) => (
                <tr key={c.external_id}>
                  <td translate="no">
                    <Link href={customerHref(c.external_id)}>{c.name}</Link>{' '}
                    <span className="muted">({c.external_id})</span>
                  </td>
                  <td translate="no">{segmentName(c.segment)}</td>
                  <td className="num">{formatMoney(c.ttm, d.currency)}</td>
                  <td className="num">{formatMoney(c.margin, d.currency)}</td>
                  <td className="num">{formatMoney(c.recovery_cost, d.currency)}</td>
                  <td className="num">{formatInteger(c.unfounded_complaints)}</td>
                  <td>{c.reasons.map(reason).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </QueryView>
  );
}
