import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useT } from '../../i18n/useT';
import { formatMoney } from '../../lib/format';
import { raiseDispute } from '../../queries/approval';
import type { Statement } from '../../queries/bonus';
import { answerText, lineLabel } from '../hr/Disputes';

/** "+€50.00" / "−€12.50" */
const signedMoney = (amount: string, currency: string) =>
  amount.startsWith('-')
    ? `−${formatMoney(amount.slice(1), currency)}`
    : `+${formatMoney(amount, currency)}`;

/**
 * Under the statement: its adjustments (each its own line), the run's sign-off, the
 * employee's disputes with HR's answers, and — for the employee themself while the run is
 * not closed — a form to dispute one line.
 */
export function StatementDisputes({
  period,
  statement: st,
  viewer,
}: {
  period: string;
  statement: Statement;
  /** the signed-in user's employee id: only they dispute their statement */
  viewer: string | null | undefined;
}) {
  const t = useT();
  const r = st.row;
  const queryClient = useQueryClient();
  const [line, setLine] = useState('');
  const [comment, setComment] = useState('');
  const raise = useMutation({
    mutationFn: () => raiseDispute(period, line, comment),
    onSuccess: async () => {
      setLine('');
      setComment('');
      await queryClient.invalidateQueries({ queryKey: ['bonus', period] });
    },
  });
  const own = viewer === r.employee;
  const s = st.sign_off;
  return (
    <section aria-labelledby="sc-disputes" className="panel" data-testid="statement-disputes">
      <h2 id="sc-disputes">Adjustments and disputes</h2>
      {s.approved_by ? (
        <p className="muted" data-testid="statement-sign-off">
          This run is {s.state}: approved by {s.approved_by}.
        </p>
      ) : s.state === 'submitted' ? (
        <p className="muted" data-testid="statement-sign-off">
          This run is submitted and waiting for approval.
        </p>
      ) : null}
      {r.adjustments.length > 0 && (
        <table className="data" data-testid="adjustments">
          <tbody>
            <tr>
              <th scope="row">Bonus by the plan</th>
              <td className="num">{formatMoney(r.computed_amount, r.currency)}</td>
            </tr>
            {r.adjustments.map((a) => (
              <tr key={a.id}>
                <th scope="row">Adjustment: {a.reason}</th>
                <td className="num">{signedMoney(a.amount, r.currency)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Bonus</th>
              <td className="num">{formatMoney(r.bonus_amount, r.currency)}</td>
            </tr>
          </tbody>
        </table>
      )}
      {st.disputes.length === 0 ? (
        <p className="muted">No line of this statement is disputed.</p>
      ) : (
        <ul className="disputes" data-testid="my-disputes">
          {st.disputes.map((d) => (
            <li key={d.id} data-status={d.status}>
              <strong>{lineLabel(t, d.line)}</strong>: “{d.comment}” —{' '}
              {d.status === 'open' ? 'waiting for HR to answer.' : answerText(t, d)}
            </li>
          ))}
        </ul>
      )}
      {own && st.can_dispute && (
        <form
          aria-label="Dispute a line of this statement"
          className="dispute-form"
          onSubmit={(e) => {
            e.preventDefault();
            raise.mutate();
          }}
        >
          <label>
            Line{' '}
            <select value={line} onChange={(e) => setLine(e.target.value)}>
              <option value="">Choose a line…</option>
              {r.lines.map((l) => (
                <option key={l.kpi} value={l.kpi}>
                  {lineLabel(t, l.kpi)}
                </option>
              ))}
              <option value="proration">{lineLabel(t, 'proration')}</option>
            </select>
          </label>{' '}
          <label>
            What is wrong?{' '}
            <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} />
          </label>{' '}
          <button type="submit" disabled={raise.isPending || line === '' || comment.trim() === ''}>
            Dispute this line
          </button>
          {raise.error instanceof Error && (
            <p className="state state-error" role="alert">
              {raise.error.message}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
