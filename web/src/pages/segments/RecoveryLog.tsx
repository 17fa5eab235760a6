import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { QueryView } from '../../components/States';
import { TableWrap } from '../../components/TableWrap';
import type { MessageId } from '../../i18n/catalogs';
import { Msg } from '../../i18n/Msg';
import { useT } from '../../i18n/useT';
import { formatDateTime, formatInteger, formatMoney } from '../../lib/format';
import { recoveryLogQuery } from '../../queries/customers';
import { customerHref } from '../cases/queries';

export const RECOVERY_KIND: Record<string, MessageId> = {
  apology_call: 'segments.recovery.kind.apology_call',
  apology_email: 'segments.recovery.kind.apology_email',
  handwritten_letter: 'segments.recovery.kind.handwritten_letter',
  meeting: 'segments.recovery.kind.meeting',
  gift: 'segments.recovery.kind.gift',
  free_service: 'segments.recovery.kind.free_service',
  discount: 'segments.recovery.kind.discount',
  refund: 'segments.recovery.kind.refund',
};
const VALIDITY: Record<string, MessageId> = {
  valid: 'segments.recovery.validity.valid',
  unfounded: 'segments.recovery.validity.unfounded',
  pending: 'segments.recovery.validity.pending',
};
const SEVERITY: Record<string, MessageId> = {
  low: 'segments.recovery.severity.low',
  medium: 'segments.recovery.severity.medium',
  high: 'segments.recovery.severity.high',
};

/**
 * Recovery actions performed in the period on the scope's complaints, newest first,
 * paged by the server; totals by kind over the whole period. Costs in the reporting
 * currency are at the rate of the month each action was performed.
 */
export function RecoveryLog({ period, scope }: { period: string; scope: string }) {
  const t = useT();
  const word = (table: Record<string, MessageId>, k: string) => {
    const id = table[k];
    return id ? t(id) : k;
  };
  const kindLabel = (k: string) => word(RECOVERY_KIND, k);
  const [page, setPage] = useState(1);
  const [key, setKey] = useState(`${period}|${scope}`);
  // a new period or scope starts again at the first page
  if (key !== `${period}|${scope}`) {
    setKey(`${period}|${scope}`);
    setPage(1);
  }
  const query = useQuery(recoveryLogQuery(period, scope, page));
  return (
    <QueryView query={query} isEmpty={(d) => d.total === 0} empty={t('segments.recovery.empty')}>
      {(d) => {
        const pages = Math.max(1, Math.ceil(d.total / d.page_size));
        return (
          <TableWrap label={t('segments.recovery.title')}>
            <table className="data" data-testid="recovery-kinds">
              <caption>{t('segments.recovery.byKind')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('segments.recovery.kind')}</th>
                  <th scope="col" className="num">
                    {t('segments.recovery.actions')}
                  </th>
                  <th scope="col" className="num">
                    <Msg
                      id="segments.recovery.costIn"
                      values={{ currency: <span translate="no">{d.currency}</span> }}
                    />
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.totals.by_kind.map((k) => (
                  <tr key={k.kind} data-kind={k.kind}>
                    <td>{kindLabel(k.kind)}</td>
                    <td className="num">{formatInteger(k.actions)}</td>
                    <td className="num">{formatMoney(k.reporting_cost, d.currency)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('segments.recovery.total')}</th>
                  <td className="num">{formatInteger(d.totals.actions)}</td>
                  <td className="num" data-testid="recovery-total">
                    {formatMoney(d.totals.reporting_cost, d.currency)}
                  </td>
                </tr>
              </tfoot>
            </table>
            <table className="data" data-testid="recovery-log">
              <caption>{t('segments.recovery.newestFirst')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('segments.recovery.performed')}</th>
                  <th scope="col">{t('segments.recovery.kind')}</th>
                  <th scope="col" className="num">
                    {t('segments.recovery.cost')}
                  </th>
                  <th scope="col" className="num">
                    <Msg
                      id="segments.recovery.inCurrency"
                      values={{ currency: <span translate="no">{d.currency}</span> }}
                    />
                  </th>
                  <th scope="col">{t('segments.recovery.complaint')}</th>
                  <th scope="col">{t('customers.col.name')}</th>
                  <th scope="col">{t('segments.recovery.by')}</th>
                </tr>
              </thead>
              <tbody>
                {d.actions.map((a) => (
                  <tr key={a.external_id} data-action={a.external_id}>
                    <td>{formatDateTime(a.performed_at)}</td>
                    <td>{kindLabel(a.kind)}</td>
                    <td className="num">{formatMoney(a.cost, a.currency)}</td>
                    <td className="num">{formatMoney(a.reporting_cost, d.currency)}</td>
                    <td>
                      <span translate="no">{a.complaint.external_id}</span>{' '}
                      <span className="muted">
                        {t('segments.recovery.complaintKind', {
                          validity: word(VALIDITY, a.complaint.validity),
                          severity: word(SEVERITY, a.complaint.severity),
                        })}
                      </span>
                    </td>
                    <td translate="no">
                      <Link href={customerHref(a.customer.external_id)}>{a.customer.name}</Link>{' '}
                      <span className="muted">({a.customer.external_id})</span>
                    </td>
                    <td translate="no">{a.employee.name}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {pages > 1 && (
              <div className="pager">
                <button
                  type="button"
                  disabled={page <= 1}
                  onClick={() => setPage((p) => Math.max(1, p - 1))}
                >
                  {t('segments.recovery.newer')}
                </button>
                <span>
                  {t('segments.recovery.page', {
                    page: formatInteger(d.page),
                    pages: formatInteger(pages),
                  })}
                </span>
                <button
                  type="button"
                  disabled={page >= pages}
                  onClick={() => setPage((p) => p + 1)}
                >
                  {t('segments.recovery.older')}
                </button>
              </div>
            )}
          </TableWrap>
        );
      }}
    </QueryView>
  );
}
