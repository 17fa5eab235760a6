import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { TableWrap } from '../../components/TableWrap';
import { formatDateTime } from '../../lib/format';
import { kpiLabel } from '../../lib/kpis';
import { acceptDispute, type Dispute, disputesQuery, rejectDispute } from '../../queries/approval';

/** "Proration" or the KPI's name. */
export const lineLabel = (line: string) => (line === 'proration' ? 'Proration' : kpiLabel(line));

/** How a dispute was answered, in a sentence. */
export function answerText(d: Dispute): string | null {
  if (d.status === 'accepted') {
    const adj = d.adjustment
      ? ` with an adjustment of ${d.adjustment.amount}: ${d.adjustment.reason}`
      : '';
    return `Accepted by ${d.resolved_by ?? 'HR'} on ${formatDateTime(d.resolved_at)}${adj}${d.reply ? ` (${d.reply})` : ''}.`;
  }
  if (d.status === 'rejected') {
    return `Rejected by ${d.resolved_by ?? 'HR'} on ${formatDateTime(d.resolved_at)}: ${d.reply ?? ''}`;
  }
  return null;
}

function Resolve({ d, period }: { d: Dispute; period: string }) {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'accept' | 'reject' | null>(null);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [reply, setReply] = useState('');
  const resolve = useMutation({
    mutationFn: () =>
      mode === 'accept' ? acceptDispute(d.id, amount, reason, reply) : rejectDispute(d.id, reply),
    onSuccess: async () => {
      setMode(null);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['bonus', period] }),
        queryClient.invalidateQueries({ queryKey: ['periods'] }),
        queryClient.invalidateQueries({ queryKey: ['audit'] }),
      ]);
    },
  });
  if (mode === null) {
    return (
      <span className="controls">
        <button type="button" onClick={() => setMode('accept')}>
          Accept…
        </button>{' '}
        <button type="button" onClick={() => setMode('reject')}>
          Reject…
        </button>
      </span>
    );
  }
  return (
    <form
      className="dispute-form"
      aria-label={mode === 'accept' ? 'Accept the dispute' : 'Reject the dispute'}
      onSubmit={(e) => {
        e.preventDefault();
        resolve.mutate();
      }}
    >
      {mode === 'accept' && (
        <>
          <label>
            Adjustment (signed, e.g. 50.00 or -12.50){' '}
            <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" />
          </label>{' '}
          <label>
            Reason the employee reads{' '}
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>{' '}
        </>
      )}
      <label>
        {mode === 'accept' ? 'Reply (optional)' : 'Reply to the employee'}{' '}
        <input value={reply} onChange={(e) => setReply(e.target.value)} />
      </label>{' '}
      <button type="button" onClick={() => setMode(null)}>
        Cancel
      </button>{' '}
      <button type="submit" disabled={resolve.isPending}>
        {mode === 'accept' ? 'Accept with this adjustment' : 'Reject the dispute'}
      </button>
      {resolve.error instanceof Error && (
        <p className="state state-error" role="alert">
          {resolve.error.message}
        </p>
      )}
    </form>
  );
}

/** HR: the disputes of the run, open ones first, each resolved here (docs/bonus.md). */
export function Disputes({ period }: { period: string }) {
  const disputes = useQuery(disputesQuery(period));
  if (!disputes.data) return null;
  const { open } = disputes.data;
  const list = [...disputes.data.disputes].sort(
    (a, b) => Number(b.status === 'open') - Number(a.status === 'open') || a.id - b.id,
  );
  return (
    <section aria-labelledby="hr-disputes" className="panel" data-testid="disputes">
      <h2 id="hr-disputes">Disputes</h2>
      <p className="muted" data-testid="open-disputes">
        {open === 0
          ? 'No dispute is open on this run.'
          : open === 1
            ? 'One dispute is open: the run cannot be approved until it is resolved.'
            : `${open} disputes are open: the run cannot be approved until they are resolved.`}
      </p>
      {list.length > 0 && (
        <TableWrap label="Disputes of the run">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Employee</th>
                <th scope="col">Line</th>
                <th scope="col">Comment</th>
                <th scope="col">Answer</th>
              </tr>
            </thead>
            <tbody>
              {list.map((d) => (
                <tr key={d.id} data-dispute={d.id} data-employee={d.employee}>
                  <td>
                    {d.name ?? d.employee} ({d.employee})
                  </td>
                  <td>{lineLabel(d.line)}</td>
                  <td>{d.comment}</td>
                  <td>{d.status === 'open' ? <Resolve d={d} period={period} /> : answerText(d)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
