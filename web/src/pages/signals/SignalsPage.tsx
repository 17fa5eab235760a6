import { useQuery } from '@tanstack/react-query';
import { PeriodPicker } from '../../components/PeriodPicker';
import { QueryView } from '../../components/States';
import { formatDateTime } from '../../lib/format';
import { periodLabel } from '../../lib/period';
import { useView } from '../../lib/url';
import { type Signal, signalsQuery } from '../../queries/signals';

const KIND_LABEL: Record<string, string> = {
  top_box_anomaly: 'Unusually many promoters',
  repeat_customer: 'One customer gives many answers',
  burst: 'Many answers within minutes',
  unfounded_share: 'Many complaints judged unfounded',
};

/**
 * Signals for review (DESIGN.md, Fair numbers): for HR and segment managers, per
 * employee, patterns that may mean solicited or gamed scores, with the evidence. A
 * signal is a reason to look, never a verdict, and never changes pay.
 */
export default function SignalsPage() {
  const { period, params, setPeriod } = useView();
  const scope = params.get('scope') ?? undefined;
  const query = useQuery(signalsQuery(period, scope === 'company' ? undefined : scope));
  return (
    <div className="page signals">
      <div className="page-head">
        <h1>Signals for review · {periodLabel(period)}</h1>
        <div className="controls">
          <PeriodPicker value={period} onChange={setPeriod} />
        </div>
      </div>
      <QueryView query={query}>
        {(a) => (
          <>
            <p className="muted" data-testid="signals-note">
              {a.note} {a.checked} {a.checked === 1 ? 'employee' : 'employees'} checked.
            </p>
            {a.signals.length === 0 ? (
              <p data-testid="signals-empty">No signal in this period.</p>
            ) : (
              <ul className="signal-list" data-testid="signals">
                {a.signals.map((s) => (
                  <li
                    key={`${s.kind}:${s.employee}`}
                    className="card"
                    data-kind={s.kind}
                    data-employee={s.employee}
                  >
                    <h2>
                      {KIND_LABEL[s.kind] ?? s.kind}: {s.name}
                    </h2>
                    <p>{s.text}</p>
                    <Evidence signal={s} />
                    <p className="muted">Rule: {a.rules[s.kind as keyof typeof a.rules]}</p>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </QueryView>
    </div>
  );
}

function Evidence({ signal }: { signal: Signal }) {
  const e = signal.evidence as Record<string, unknown>;
  if (signal.kind === 'burst' && Array.isArray(e.timestamps)) {
    return (
      <details>
        <summary>The {String(e.answers)} answers</summary>
        <ul>
          {(e.timestamps as string[]).map((t, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: timestamps may repeat
            <li key={i}>{formatDateTime(t)}</li>
          ))}
        </ul>
      </details>
    );
  }
  return null;
}
