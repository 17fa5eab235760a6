import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { TableWrap } from '../../components/TableWrap';
import { errorMessage } from '../../i18n/errors';
import type { Translate } from '../../i18n/useT';
import { useT } from '../../i18n/useT';
import { formatDateTime } from '../../lib/format';
import { kpiName } from '../../lib/kpis';
import { acceptDispute, type Dispute, disputesQuery, rejectDispute } from '../../queries/approval';

/** "Proration" or the KPI's name. */
export const lineLabel = (t: Translate, line: string) =>
  line === 'proration' ? t('hr.col.proration') : kpiName(t, line);

/** How a dispute was answered, in a sentence. */
export function answerText(t: Translate, d: Dispute): string | null {
  const who = d.resolved_by ?? t('hr.disputes.hr');
  const at = formatDateTime(d.resolved_at);
  if (d.status === 'accepted') {
    const sentence = d.adjustment
      ? t('hr.disputes.acceptedAdjusted', {
          who,
          at,
          amount: d.adjustment.amount,
          reason: d.adjustment.reason,
        })
      : t('hr.disputes.accepted', { who, at });
    return d.reply ? `${sentence} (${d.reply})` : sentence;
  }
  if (d.status === 'rejected') {
    return t('hr.disputes.rejected', { who, at, reply: d.reply ?? '' });
  }
  return null;
}

function Resolve({ d, period }: { d: Dispute; period: string }) {
  const t = useT();
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
          {t('hr.disputes.startAccept')}
        </button>{' '}
        <button type="button" onClick={() => setMode('reject')}>
          {t('hr.disputes.startReject')}
        </button>
      </span>
    );
  }
  return (
    <form
      className="dispute-form"
      aria-label={mode === 'accept' ? t('hr.disputes.acceptLabel') : t('hr.disputes.rejectLabel')}
      onSubmit={(e) => {
        e.preventDefault();
        resolve.mutate();
      }}
    >
      {mode === 'accept' && (
        <>
          <label>
            {t('hr.disputes.adjustment')}{' '}
            <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" />
          </label>{' '}
          <label>
            {t('hr.disputes.reason')}{' '}
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>{' '}
        </>
      )}
      <label>
        {mode === 'accept' ? t('hr.disputes.replyOptional') : t('hr.disputes.reply')}{' '}
        <input value={reply} onChange={(e) => setReply(e.target.value)} />
      </label>{' '}
      <button type="button" onClick={() => setMode(null)}>
        {t('hr.run.cancel')}
      </button>{' '}
      <button type="submit" disabled={resolve.isPending}>
        {mode === 'accept' ? t('hr.disputes.accept') : t('hr.disputes.rejectLabel')}
      </button>
      {resolve.error instanceof Error && (
        <p className="state state-error" role="alert">
          {errorMessage(t, resolve.error)}
        </p>
      )}
    </form>
  );
}

/** HR: the disputes of the run, open ones first, each resolved here (docs/bonus.md). */
export function Disputes({ period }: { period: string }) {
  const t = useT();
  const disputes = useQuery(disputesQuery(period));
  if (!disputes.data) return null;
  const { open } = disputes.data;
  const list = [...disputes.data.disputes].sort(
    (a, b) => Number(b.status === 'open') - Number(a.status === 'open') || a.id - b.id,
  );
  return (
    <section aria-labelledby="hr-disputes" className="panel" data-testid="disputes">
      <h2 id="hr-disputes">{t('hr.disputes.title')}</h2>
      <p className="muted" data-testid="open-disputes">
        {open === 0
          ? t('hr.disputes.noneOpen')
          : open === 1
            ? t('hr.disputes.openOne')
            : t('hr.disputes.open', { n: open })}
      </p>
      {list.length > 0 && (
        <TableWrap label={t('hr.disputes.tableLabel')}>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('hr.disputes.col.employee')}</th>
                <th scope="col">{t('hr.disputes.col.line')}</th>
                <th scope="col">{t('hr.disputes.col.comment')}</th>
                <th scope="col">{t('hr.disputes.col.answer')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((d) => (
                <tr key={d.id} data-dispute={d.id} data-employee={d.employee}>
                  <td translate="no">
                    {d.name ?? d.employee} ({d.employee})
                  </td>
                  <td>{lineLabel(t, d.line)}</td>
                  <td translate="no">{d.comment}</td>
                  <td>
                    {d.status === 'open' ? <Resolve d={d} period={period} /> : answerText(t, d)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
