import './closed-loop.css';
import { Link } from 'wouter';
import { formatDateTime, formatInteger, formatMoney } from '../../lib/format';
import { STATE_LABEL } from './labels';
import { type CaseRow, caseHref, customerHref } from './queries';

/** Cases as a table; overdue rows stand out (class and a word, not colour alone). */
export function CasesTable({
  rows,
  currency,
  selected,
  onToggle,
}: {
  rows: CaseRow[];
  currency: string;
  selected?: Set<string>;
  onToggle?: (id: string) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="data" data-testid="cases">
        <thead>
          <tr>
            {onToggle ? <th scope="col">Select</th> : null}
            <th scope="col">Case</th>
            <th scope="col">Customer</th>
            <th scope="col">Segment</th>
            <th scope="col">Owner</th>
            <th scope="col">State</th>
            <th scope="col">Due</th>
            <th scope="col" className="num">
              Score
            </th>
            <th scope="col" className="num">
              Revenue at risk
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.id}
              className={r.overdue ? 'overdue' : undefined}
              data-state={r.state}
              data-case={r.id}
            >
              {onToggle ? (
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select case ${r.source}`}
                    checked={selected?.has(r.id) ?? false}
                    onChange={() => onToggle(r.id)}
                  />
                </td>
              ) : null}
              <td>
                <Link href={caseHref(r.id)}>
                  {r.subject === 'complaint' ? `Complaint ${r.source}` : `Answer ${r.source}`}
                </Link>
              </td>
              <td>
                <Link href={customerHref(r.customer)}>{r.customer_name}</Link>
              </td>
              <td>{r.segment_name}</td>
              <td>{r.owner_name ?? r.owner ?? '—'}</td>
              <td>
                {STATE_LABEL[r.state] ?? r.state}
                {r.overdue ? <strong className="badge overdue-badge"> Overdue</strong> : null}
              </td>
              <td>{formatDateTime(r.due_at)}</td>
              <td className="num">{r.score === null ? '—' : formatInteger(r.score)}</td>
              <td className="num">{formatMoney(r.revenue_at_risk, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
