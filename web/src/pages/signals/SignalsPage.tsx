import {
  BURST_MIN,
  BURST_WINDOW_MINUTES,
  REPEAT_MIN_N,
  REPEAT_SHARE,
  TOP_BOX_MIN_N,
  TOP_BOX_P,
  UNFOUNDED_MIN,
} from '@delight/api/signals/math';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { PeriodPicker } from '../../components/PeriodPicker';
import { QueryView } from '../../components/States';
import type { MessageId } from '../../i18n/catalogs';
import { Msg } from '../../i18n/Msg';
import { type Translate, useT } from '../../i18n/useT';
import { formatDateTime, formatShare, formatSignificant } from '../../lib/format';
import { periodLabel } from '../../lib/period';
import { useView } from '../../lib/url';
import { type Signal, signalsQuery } from '../../queries/signals';

type Kind = 'top_box_anomaly' | 'repeat_customer' | 'burst' | 'unfounded_share';
const KINDS: readonly Kind[] = ['top_box_anomaly', 'repeat_customer', 'burst', 'unfounded_share'];
const isKind = (k: string): k is Kind => (KINDS as readonly string[]).includes(k);

const KIND_LABEL: Record<Kind, MessageId> = {
  top_box_anomaly: 'signals.kind.top_box_anomaly',
  repeat_customer: 'signals.kind.repeat_customer',
  burst: 'signals.kind.burst',
  unfounded_share: 'signals.kind.unfounded_share',
};

/** The rules of DESIGN.md (Fair numbers), in words, from the thresholds the API applies. */
function ruleText(t: Translate, kind: Kind): string {
  switch (kind) {
    case 'top_box_anomaly':
      return t('signals.rules.top_box_anomaly', {
        min: TOP_BOX_MIN_N,
        perThousand: TOP_BOX_P * 1000,
      });
    case 'repeat_customer':
      return t('signals.rules.repeat_customer', {
        min: REPEAT_MIN_N,
        share: formatShare(REPEAT_SHARE.num / REPEAT_SHARE.den, 0),
      });
    case 'burst':
      return t('signals.rules.burst', { min: BURST_MIN, minutes: BURST_WINDOW_MINUTES });
    case 'unfounded_share':
      return t('signals.rules.unfounded_share', { min: UNFOUNDED_MIN });
  }
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
const text = (v: unknown): string => (typeof v === 'string' ? v : String(v ?? ''));

/** What was seen, said from the signal's evidence (the counts the API found). */
function signalText(t: Translate, s: Signal): ReactNode {
  const e = s.evidence as Record<string, unknown>;
  switch (s.kind) {
    case 'top_box_anomaly':
      return t('signals.text.top_box_anomaly', {
        promoters: num(e.promoters),
        n: num(e.n),
        share: formatShare(num(e.promoters) / num(e.n), 1),
        segmentShare: formatShare(num(e.segment_share), 1),
        probability: formatSignificant(num(e.probability), 2),
      });
    case 'repeat_customer':
      return (
        <Msg
          id="signals.text.repeat_customer"
          values={{
            answers: num(e.answers),
            n: num(e.n),
            share: formatShare(num(e.share), 1),
            customer: <span translate="no">{text(e.customer_name)}</span>,
          }}
        />
      );
    case 'burst':
      return t('signals.text.burst', {
        answers: num(e.answers),
        minutes: BURST_WINDOW_MINUTES,
        from: formatDateTime(text(e.from)),
        to: formatDateTime(text(e.to)),
      });
    case 'unfounded_share':
      return t('signals.text.unfounded_share', {
        unfounded: num(e.unfounded),
        handled: num(e.handled),
        share: formatShare(num(e.share), 1),
        segmentShare: formatShare(num(e.segment_share), 1),
      });
    default:
      return s.text;
  }
}

/**
 * Signals for review (DESIGN.md, Fair numbers): for HR and segment managers, per
 * employee, patterns that may mean solicited or gamed scores, with the evidence. A
 * signal is a reason to look, never a verdict, and never changes pay.
 */
export default function SignalsPage() {
  const t = useT();
  const { period, params, setPeriod } = useView();
  const scope = params.get('scope') ?? undefined;
  const query = useQuery(signalsQuery(period, scope === 'company' ? undefined : scope));
  return (
    <div className="page signals">
      <div className="page-head">
        <h1>{t('signals.title', { period: periodLabel(period) })}</h1>
        <div className="controls">
          <PeriodPicker value={period} onChange={setPeriod} />
        </div>
      </div>
      <QueryView query={query}>
        {(a) => (
          <>
            <p className="muted" data-testid="signals-note">
              {t('signals.note', { checked: a.checked })}
            </p>
            {a.signals.length === 0 ? (
              <p data-testid="signals-empty">{t('signals.empty')}</p>
            ) : (
              <ul className="signal-list" data-testid="signals">
                {a.signals.map((s) => (
                  <li
                    key={`${s.kind}:${s.employee}`}
                    className="card"
                    data-kind={s.kind}
                    data-employee={s.employee}
                  >
                    {isKind(s.kind) ? (
                      <>
                        <h2>
                          <Msg
                            id="signals.heading"
                            values={{
                              kind: t(KIND_LABEL[s.kind]),
                              name: <span translate="no">{s.name}</span>,
                            }}
                          />
                        </h2>
                        <p>{signalText(t, s)}</p>
                        <Evidence signal={s} />
                        <p className="muted">{t('signals.rule', { rule: ruleText(t, s.kind) })}</p>
                      </>
                    ) : (
                      // a kind newer than this page: the API's own words
                      <>
                        <h2 translate="no">
                          {s.kind}: {s.name}
                        </h2>
                        <p translate="no">{s.text}</p>
                      </>
                    )}
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
  const t = useT();
  const e = signal.evidence as Record<string, unknown>;
  if (signal.kind === 'burst' && Array.isArray(e.timestamps)) {
    return (
      <details>
        <summary>{t('signals.answers', { answers: num(e.answers) })}</summary>
        <ul>
          {(e.timestamps as string[]).map((ts, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: timestamps may repeat
            <li key={i}>{formatDateTime(ts)}</li>
          ))}
        </ul>
      </details>
    );
  }
  return null;
}
