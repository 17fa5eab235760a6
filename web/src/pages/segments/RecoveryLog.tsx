import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { QueryView } from '../../components/States';
import { TableWrap } from '../../components/TableWrap';
import { formatDateTime, formatInteger, formatMoney } from '../../lib/format';
import { recoveryLogQuery } from '../../queries/customers';
import { customerHref } from '../cases/queries';

export const RECOVERY_KIND: Record<string, string> = {
  apology_call: 'Apology call',
  apology_email: 'Apology e-mail',
  handwritten_letter: 'Handwritten letter',
  meeting: 'Meeting',
  gift: 'Gift',
  free_service: 'Free service',
  discount: 'Discount',
  refund: 'Refund',
};
const kindLabel = (k: string) => RECOVERY_KIND[k] ?? k;

/**
 * Recovery actions performed in the period on the scope's complaints, newest first,
 * paged by the server; totals by kind over the whole period. Costs in the reporting
 * currency are at the rate of the month each action was performed.
 */
export function RecoveryLog({ period, scope }: { period: string; scope: string }) {
  const [page, setPage] = useState(1);
  const [key, setKey] = useState(`${period}|${scope}`);
  // a new period or scope starts again at the first page
  if (key !== `${period}|${scope}`) {
    setKey(`${period}|${scope}`);
    setPage(1);
  }
  const query = useQuery(recoveryLogQuery(period, scope, page));
  return (
    <QueryView
      query={query}
      isEmpty={(d) => d.total === 0}
      empty="No recovery action was performed in this period."
    >
      {(d) => {
        const pages = Math.max(1, Math.ceil(d.total / d.page_size));
        return (
          <TableWrap label={'Recovery log'}>
            <table className="data" data-testid="recovery-kinds">
              <caption>By kind</caption>
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col" className="num">
                    Actions
                  </th>
                  <th scope="col" className="num">
                    Cost ({d.currency})
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
                  <th scope="row">Total</th>
                  <td className="num">{formatInteger(d.totals.actions)}</td>
                  <td className="num" data-testid="recovery-total">
                    {formatMoney(d.totals.reporting_cost, d.currency)}
                  </td>
                </tr>
              </tfoot>
            </table>
            <table className="data" data-testid="recovery-log">
              <caption>Actions, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Performed</th>
                  <th scope="col">Kind</th>
                  <th scope="col" className="num">
                    Cost
                  </th>
                  <th scope="col" className="num">
                    In {d.currency}
                  </th>
                  <th scope="col">Complaint</th>
                  <th scope="col">Customer</th>
                  <th scope="col">By</th>
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
                      {a.complaint.external_id}{' '}
                      <span className="muted">
                        ({a.complaint.validity}, {a.complaint.severity})
                      </span>
                    </td>
                    <td>
                      <Link href={customerHref(a.customer.external_id)}>{a.customer.name}</Link>{' '}
                      <span className="muted">({a.customer.external_id})</span>
                    </td>
                    <td>{a.employee.name}</td>
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
                  Newer
                </button>
                <span>
                  Page {formatInteger(d.page)} of {formatInteger(pages)}
                </span>
                <button
                  type="button"
                  disabled={page >= pages}
                  onClick={() => setPage((p) => p + 1)}
                >
                  Older
                </button>
              </div>
            )}
          </TableWrap>
        );
      }}
    </QueryView>
  );
}
