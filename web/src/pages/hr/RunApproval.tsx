import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { MessageId } from '../../i18n/catalogs';
import { errorMessage } from '../../i18n/errors';
import { Msg } from '../../i18n/Msg';
import { useT } from '../../i18n/useT';
import { formatDateTime } from '../../lib/format';
import { periodKind, periodLabel } from '../../lib/period';
import { type RunState, runStateQuery, type StepAction, takeStep } from '../../queries/approval';

const STATE_LABEL: Readonly<Record<string, MessageId>> = {
  open: 'hr.run.state.open',
  submitted: 'hr.run.state.submitted',
  approved: 'hr.run.state.approved',
  closed: 'hr.run.state.closed',
};

/** The step that moves a run on from each state. */
const FORWARD: Record<string, StepAction | undefined> = {
  open: 'submit',
  submitted: 'approve',
  approved: 'close',
};

/** What the run waits for, when the caller cannot take the next step themself. */
/** Why a step is not possible, in the reader's words (other codes: the API's sentence). */
const BLOCKED: Readonly<Record<string, MessageId>> = {
  period_not_ended: 'hr.run.blocked.notEnded',
  run_no_plan: 'hr.run.blocked.noPlan',
  run_own_submission: 'hr.run.blocked.ownSubmission',
};

const WAITING: Readonly<Record<string, MessageId>> = {
  open: 'hr.run.waiting.open',
  submitted: 'hr.run.waiting.submitted',
  approved: 'hr.run.waiting.approved',
};

function Summary({ s, period }: { s: RunState; period: string }) {
  const t = useT();
  const stateLabel = STATE_LABEL[s.status];
  const who = (name: string | null) => <span translate="no">{name}</span>;
  return (
    <>
      <p>
        <span className="badge" data-testid="run-state">
          {stateLabel ? t(stateLabel) : s.status}
        </span>{' '}
        {s.status === 'closed'
          ? t('hr.run.closed', { period: periodLabel(period), at: formatDateTime(s.closed_at) })
          : s.status === 'open'
            ? t('hr.run.open')
            : t('hr.run.signedOff')}
      </p>
      {s.submitted_by && (
        <p className="muted" data-testid="submitted-by">
          <Msg
            id="hr.run.submittedBy"
            values={{ who: who(s.submitted_by), at: formatDateTime(s.submitted_at) }}
          />
        </p>
      )}
      {s.approved_by && (
        <p className="muted" data-testid="approved-by">
          <Msg
            id="hr.run.approvedBy"
            values={{ who: who(s.approved_by), at: formatDateTime(s.approved_at) }}
          />
        </p>
      )}
      {s.status === 'open' && s.reopen_reason && (
        <p className="note" data-testid="reopen-reason">
          <Msg
            id="hr.run.reopened"
            values={{
              at: formatDateTime(s.reopened_at),
              reason: <span translate="no">{s.reopen_reason}</span>,
            }}
          />
        </p>
      )}
    </>
  );
}

/**
 * The bonus run's sign-off on the HR page: its state, who submitted and approved it, and
 * the steps the caller's role can take now. A step is offered only where it is possible;
 * otherwise the API's reason is shown in words (issue 10 point 13).
 */
export function RunApproval({ period }: { period: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const state = useQuery(runStateQuery(period));
  const [confirming, setConfirming] = useState<StepAction | null>(null);
  const [reason, setReason] = useState('');
  const step = useMutation({
    mutationFn: (action: StepAction) => takeStep(period, action, reason),
    onSuccess: async () => {
      setConfirming(null);
      setReason('');
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['periods'] }),
        queryClient.invalidateQueries({ queryKey: ['bonus', period] }),
        queryClient.invalidateQueries({ queryKey: ['audit'] }),
      ]);
    },
    onError: () => queryClient.invalidateQueries({ queryKey: ['periods', period] }),
  });
  if (!state.data) return null;
  const s = state.data;
  const possible = new Set(s.steps.filter((x) => x.possible).map((x) => x.action));
  const forward = FORWARD[s.status];
  const forwardStep = s.steps.find((x) => x.action === forward);
  const label = periodLabel(period);
  const error = step.error ? errorMessage(t, step.error) : null;
  return (
    <section
      className="panel close-panel"
      data-testid="period-state"
      aria-labelledby="run-sign-off"
    >
      <h2 id="run-sign-off">{t('hr.run.title')}</h2>
      <Summary s={s} period={period} />
      {confirming === 'close' ? (
        <div role="alertdialog" aria-label={t('hr.run.confirmClose')} className="confirm">
          <p>{t('hr.run.closeQuestion', { period: label })}</p>
          <button type="button" onClick={() => setConfirming(null)}>
            {t('hr.run.cancel')}
          </button>{' '}
          <button
            type="button"
            className="danger"
            disabled={step.isPending}
            onClick={() => step.mutate('close')}
          >
            {step.isPending ? t('hr.run.closing') : t('hr.run.close', { period: label })}
          </button>
        </div>
      ) : confirming === 'reopen' ? (
        <div role="dialog" aria-label={t('hr.run.reopenLabel')} className="confirm">
          <label>
            {t('hr.run.reopenWhy')}{' '}
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
          </label>{' '}
          <button type="button" onClick={() => setConfirming(null)}>
            {t('hr.run.cancel')}
          </button>{' '}
          <button
            type="button"
            disabled={step.isPending || reason.trim() === ''}
            onClick={() => step.mutate('reopen')}
          >
            {t('hr.run.reopen')}
          </button>
        </div>
      ) : (
        <p className="controls">
          {possible.has('submit') && (
            <button type="button" disabled={step.isPending} onClick={() => step.mutate('submit')}>
              {t('hr.run.submit')}
            </button>
          )}
          {possible.has('approve') && (
            <button type="button" disabled={step.isPending} onClick={() => step.mutate('approve')}>
              {t('hr.run.approve')}
            </button>
          )}
          {possible.has('close') && (
            <button type="button" onClick={() => setConfirming('close')}>
              {t('hr.run.startClose')}
            </button>
          )}
          {possible.has('reopen') && (
            <button type="button" onClick={() => setConfirming('reopen')}>
              {t('hr.run.startReopen')}
            </button>
          )}
        </p>
      )}
      {forwardStep && !forwardStep.possible && forwardStep.code !== 'run_wrong_state' ? (
        <p className="muted" data-testid="step-blocked">
          {forwardStep.code && BLOCKED[forwardStep.code]
            ? t(BLOCKED[forwardStep.code]!, { period: label, kind: periodKind(period) ?? 'year' })
            : forwardStep.message}
        </p>
      ) : (
        !forwardStep &&
        WAITING[s.status] && (
          <p className="muted" data-testid="step-waiting">
            {t(WAITING[s.status]!)}
          </p>
        )
      )}
      {error && (
        <p className="state state-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
