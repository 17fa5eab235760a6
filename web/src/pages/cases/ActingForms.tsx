import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ErrorState } from '../../components/States';
import { CHANNEL_LABEL, KIND_LABEL, OUTCOME_LABEL, REASON_LABEL } from './labels';
import {
  CHANNELS,
  CLOSE_REASONS,
  closeCase,
  logContact,
  logRecoveryAction,
  OUTCOMES,
  RECOVERY_KINDS,
  reopenCase,
} from './queries';

/** `datetime-local` text (browser's zone) as ISO UTC; empty: now (the server's clock). */
const toIso = (local: string): string | undefined =>
  local ? new Date(local).toISOString() : undefined;

/** Every write refreshes every read: the case, the lists and the KPIs it moves. */
function useWrite<T>(fn: () => Promise<T>, done: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      done();
      await queryClient.invalidateQueries();
    },
  });
}

interface CaseRef {
  id: string;
  subject: string;
  source: string;
  state: string;
}

/**
 * What one does on a case: log a contact, log a recovery action (complaints only),
 * close with a reason or reopen. Each goes through the API's checks and audit.
 */
export function ActingForms({ item, currency }: { item: CaseRef; currency: string }) {
  const uid = useId();
  const [channel, setChannel] = useState<(typeof CHANNELS)[number]>('call');
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number]>('reached');
  const [note, setNote] = useState('');
  const [contactAt, setContactAt] = useState('');
  const [kind, setKind] = useState<(typeof RECOVERY_KINDS)[number]>('apology_call');
  const [cost, setCost] = useState('0');
  const [actionCurrency, setActionCurrency] = useState(currency);
  const [actionAt, setActionAt] = useState('');
  const [reason, setReason] = useState<(typeof CLOSE_REASONS)[number]>('recovered');
  const [closeNote, setCloseNote] = useState('');
  const [said, setSaid] = useState('');

  const contact = useWrite(
    () => {
      const at = toIso(contactAt);
      return logContact(item.id, {
        channel,
        outcome,
        ...(note.trim() ? { note } : {}),
        ...(at ? { contacted_at: at } : {}),
      });
    },
    () => {
      setNote('');
      setSaid('The contact is logged.');
    },
  );
  const action = useWrite(
    () => {
      const at = toIso(actionAt);
      return logRecoveryAction({
        complaint: item.source,
        kind,
        cost: cost.trim(),
        currency: actionCurrency.trim().toUpperCase(),
        ...(at ? { performed_at: at } : {}),
      });
    },
    () => setSaid('The recovery action is logged.'),
  );
  const close = useWrite(
    () => closeCase(item.id, { reason, ...(closeNote.trim() ? { note: closeNote } : {}) }),
    () => setSaid('The case is closed.'),
  );
  const reopen = useWrite(
    () => reopenCase(item.id),
    () => setSaid('The case is open again.'),
  );

  return (
    <div className="acting">
      {said ? (
        <p role="status" className="notice">
          {said}
        </p>
      ) : null}
      <form
        className="panel"
        aria-labelledby={`${uid}-contact`}
        onSubmit={(e) => {
          e.preventDefault();
          contact.mutate();
        }}
      >
        <h3 id={`${uid}-contact`}>Log a contact</h3>
        <label>
          Channel
          <select value={channel} onChange={(e) => setChannel(e.target.value as typeof channel)}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABEL[c]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Outcome
          <select value={outcome} onChange={(e) => setOutcome(e.target.value as typeof outcome)}>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABEL[o]}
              </option>
            ))}
          </select>
        </label>
        <label>
          When (leave empty for now)
          <input
            type="datetime-local"
            value={contactAt}
            onChange={(e) => setContactAt(e.target.value)}
          />
        </label>
        <label>
          Note
          <textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={10000} />
        </label>
        <button type="submit" disabled={contact.isPending}>
          Log the contact
        </button>
        {contact.isError ? <ErrorState error={contact.error} /> : null}
      </form>

      {item.subject === 'complaint' ? (
        <form
          className="panel"
          aria-labelledby={`${uid}-action`}
          onSubmit={(e) => {
            e.preventDefault();
            action.mutate();
          }}
        >
          <h3 id={`${uid}-action`}>Log a recovery action</h3>
          <label>
            Kind of recovery
            <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              {RECOVERY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABEL[k]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Cost
            <input inputMode="decimal" value={cost} onChange={(e) => setCost(e.target.value)} />
          </label>
          <label>
            Currency
            <input
              value={actionCurrency}
              maxLength={3}
              onChange={(e) => setActionCurrency(e.target.value)}
            />
          </label>
          <label>
            When (leave empty for now)
            <input
              type="datetime-local"
              value={actionAt}
              onChange={(e) => setActionAt(e.target.value)}
            />
          </label>
          <button type="submit" disabled={action.isPending}>
            Log the recovery action
          </button>
          {action.isError ? <ErrorState error={action.error} /> : null}
        </form>
      ) : (
        <p className="muted">
          Recovery actions belong to complaints; this case is a survey answer, so log contacts here.
        </p>
      )}

      {item.state === 'closed' ? (
        <div className="panel">
          <h3>This case is closed</h3>
          <button type="button" disabled={reopen.isPending} onClick={() => reopen.mutate()}>
            Reopen the case
          </button>
          {reopen.isError ? <ErrorState error={reopen.error} /> : null}
        </div>
      ) : (
        <form
          className="panel"
          aria-labelledby={`${uid}-close`}
          onSubmit={(e) => {
            e.preventDefault();
            close.mutate();
          }}
        >
          <h3 id={`${uid}-close`}>Close the case</h3>
          <label>
            Reason
            <select value={reason} onChange={(e) => setReason(e.target.value as typeof reason)}>
              {CLOSE_REASONS.map((r) => (
                <option key={r} value={r}>
                  {REASON_LABEL[r]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Note
            <textarea value={closeNote} onChange={(e) => setCloseNote(e.target.value)} />
          </label>
          <button type="submit" disabled={close.isPending}>
            Close the case
          </button>
          {close.isError ? <ErrorState error={close.error} /> : null}
        </form>
      )}
    </div>
  );
}
