import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDateTime } from '../../lib/format';
import { periodLabel } from '../../lib/period';
import { type RunState, runStateQuery, type StepAction, takeStep } from '../../queries/approval';

const STATE_LABEL: Record<string, string> = {
  open: 'open',
  submitted: 'submitted',
  approved: 'approved',
  closed: 'closed',
};

/** The step that moves a run on from each state. */
const FORWARD: Record<string, StepAction | undefined> = {
  open: 'submit',
  submitted: 'approve',
  approved: 'close',
};

/** What the run waits for, when the caller cannot take the next step themself. */
const WAITING: Record<string, string> = {
  open: 'HR submits the run for approval once the period has ended.',
  submitted: 'The run is waiting for an executive or an admin to approve it.',
  approved: 'The run is approved; HR can close it now.',
};

function Summary({ s, period }: { s: RunState; period: string }) {
  return (
    <>
      <p>
        <span className="badge" data-testid="run-state">
          {STATE_LABEL[s.status] ?? s.status}
        </span>{' '}
        {s.status === 'closed'
          ? `${periodLabel(period)} was closed ${formatDateTime(s.closed_at)}; its results are frozen.`
          : s.status === 'open'
            ? 'The figures still move with new data.'
            : 'The figures are signed off as they are now; any change to them sends the run back to open.'}
      </p>
      {s.submitted_by && (
        <p className="muted" data-testid="submitted-by">
          Submitted by {s.submitted_by} on {formatDateTime(s.submitted_at)}.
        </p>
      )}
      {s.approved_by && (
        <p className="muted" data-testid="approved-by">
          Approved by {s.approved_by} on {formatDateTime(s.approved_at)}.
        </p>
      )}
      {s.status === 'open' && s.reopen_reason && (
        <p className="note" data-testid="reopen-reason">
          Sent back to open on {formatDateTime(s.reopened_at)}: {s.reopen_reason}
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
  const error = step.error instanceof Error ? step.error.message : null;
  return (
    <section
      className="panel close-panel"
      data-testid="period-state"
      aria-labelledby="run-sign-off"
    >
      <h2 id="run-sign-off">Sign-off</h2>
      <Summary s={s} period={period} />
      {confirming === 'close' ? (
        <div role="alertdialog" aria-label="Confirm closing the period" className="confirm">
          <p>
            Close {label}? Every employee's result is stored as it is now and later data never
            changes it. This cannot be undone.
          </p>
          <button type="button" onClick={() => setConfirming(null)}>
            Cancel
          </button>{' '}
          <button
            type="button"
            className="danger"
            disabled={step.isPending}
            onClick={() => step.mutate('close')}
          >
            {step.isPending ? 'Closing…' : `Close ${label}`}
          </button>
        </div>
      ) : confirming === 'reopen' ? (
        <div role="dialog" aria-label="Send the run back to open" className="confirm">
          <label>
            Why does the run go back to open?{' '}
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
          </label>{' '}
          <button type="button" onClick={() => setConfirming(null)}>
            Cancel
          </button>{' '}
          <button
            type="button"
            disabled={step.isPending || reason.trim() === ''}
            onClick={() => step.mutate('reopen')}
          >
            Send back to open
          </button>
        </div>
      ) : (
        <p className="controls">
          {possible.has('submit') && (
            <button type="button" disabled={step.isPending} onClick={() => step.mutate('submit')}>
              Submit for approval
            </button>
          )}
          {possible.has('approve') && (
            <button type="button" disabled={step.isPending} onClick={() => step.mutate('approve')}>
              Approve the run
            </button>
          )}
          {possible.has('close') && (
            <button type="button" onClick={() => setConfirming('close')}>
              Close period…
            </button>
          )}
          {possible.has('reopen') && (
            <button type="button" onClick={() => setConfirming('reopen')}>
              Send back to open…
            </button>
          )}
        </p>
      )}
      {forwardStep && !forwardStep.possible && forwardStep.code !== 'run_wrong_state' ? (
        <p className="muted" data-testid="step-blocked">
          {forwardStep.message}
        </p>
      ) : (
        !forwardStep &&
        WAITING[s.status] && (
          <p className="muted" data-testid="step-waiting">
            {WAITING[s.status]}
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
