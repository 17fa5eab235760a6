import { useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { Link, useParams } from 'wouter';
import { api, json } from '../../api/client';
import { QueryView } from '../../components/States';
import { formatDateTime, formatInteger, formatMoney, formatPercent } from '../../lib/format';
import { periodLabel, periodOf } from '../../lib/period';
import { meQuery } from '../../queries/auth';
import { ActingForms } from './ActingForms';
import {
  CHANNEL_LABEL,
  EVENT_LABEL,
  KIND_LABEL,
  OUTCOME_LABEL,
  REASON_LABEL,
  STATE_LABEL,
} from './labels';
import { type CaseDetail, caseQuery, customerHref } from './queries';

function detailText(event: string, d: Record<string, unknown>): string {
  const s = (k: string) =>
    typeof d[k] === 'string' || typeof d[k] === 'number' ? String(d[k]) : '';
  switch (event) {
    case 'opened':
      return d.score !== undefined
        ? `Score ${s('score')}${d.comment ? `: “${s('comment')}”` : ''}`
        : `Severity ${s('severity')}`;
    case 'contact':
      return `${CHANNEL_LABEL[s('channel')] ?? s('channel')}, ${(OUTCOME_LABEL[s('outcome')] ?? s('outcome')).toLowerCase()}${d.note ? `: ${s('note')}` : ''}`;
    case 'recovery_action':
      return `${KIND_LABEL[s('kind')] ?? s('kind')}, ${s('cost')} ${s('currency')}`;
    case 'reassigned':
      return `New owner ${s('owner')}`;
    case 'closed':
      return `${REASON_LABEL[s('reason')] ?? s('reason')}${d.note ? `: ${s('note')}` : ''}`;
    default:
      return '';
  }
}

type KpiAnswer = InferResponseType<typeof api.kpis.$get, 200>;
type MoneyAnswer = InferResponseType<typeof api.money.$get, 200>;

/** The numbers a case moves, for the scope the caller works in. */
function CaseNumbers({ item }: { item: CaseDetail }) {
  const me = useQuery(meQuery());
  const user = me.data?.user;
  const scope =
    user?.role === 'agent' && user.employee
      ? `employee:${user.employee}`
      : `segment:${item.segment}`;
  const followPeriod = periodOf('quarter', (item.resolved_at ?? item.opened_at).slice(0, 10));
  // the quarter of the latest recovery action on the case (what was just logged), else of the resolution
  const lastAction = item.history.filter((h) => h.event === 'recovery_action').at(-1);
  const costPeriod = periodOf(
    'quarter',
    (lastAction?.at ?? item.resolved_at ?? item.opened_at).slice(0, 10),
  );
  const kpi = useQuery({
    queryKey: ['kpis', 'case', followPeriod, scope],
    queryFn: () => json<KpiAnswer>(api.kpis.$get({ query: { period: followPeriod, scope } })),
    enabled: item.subject === 'complaint' && !!user,
  });
  const money = useQuery({
    queryKey: ['money', 'case', costPeriod, scope],
    queryFn: () => json<MoneyAnswer>(api.money.$get({ query: { period: costPeriod, scope } })),
    enabled: item.subject === 'complaint' && !!user && user.role !== 'agent',
  });
  if (item.subject !== 'complaint') return null;
  const follow = kpi.data?.kpis.follow_up_rate;
  return (
    <section className="panel" aria-labelledby="case-numbers">
      <h2 id="case-numbers">The numbers this case moves</h2>
      <dl className="facts">
        <dt>Follow-up rate, {periodLabel(followPeriod)}</dt>
        <dd data-testid="case-follow-up-rate">
          {follow ? `${formatPercent(follow.value)} (n = ${formatInteger(follow.n)})` : '…'}
        </dd>
        {user?.role !== 'agent' ? (
          <>
            <dt>Recovery cost, {periodLabel(costPeriod)}</dt>
            <dd data-testid="case-recovery-cost">
              {money.data
                ? formatMoney(money.data.figures.recovery_cost, money.data.currency)
                : '…'}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

/** One case: what it is, its history, and the forms to act on it. */
export default function CasePage() {
  const { id = '' } = useParams<{ id: string }>();
  const query = useQuery(caseQuery(id));
  return (
    <div className="page case">
      <QueryView query={query}>
        {(c) => (
          <>
            <div className="page-head">
              <h1>
                {c.subject === 'complaint'
                  ? `Complaint ${c.source}`
                  : `Detractor answer ${c.source}`}
              </h1>
              <p>
                <span data-testid="case-state">{STATE_LABEL[c.state] ?? c.state}</span>
                {c.overdue ? <strong className="badge overdue-badge"> Overdue</strong> : null}
                {c.close_reason ? ` · ${REASON_LABEL[c.close_reason] ?? c.close_reason}` : ''}
              </p>
            </div>
            <dl className="facts">
              <dt>Customer</dt>
              <dd>
                <Link href={customerHref(c.customer)}>{c.customer_name}</Link> ({c.segment_name})
              </dd>
              <dt>Owner</dt>
              <dd>{c.owner_name ?? c.owner ?? '—'}</dd>
              <dt>Opened</dt>
              <dd>{formatDateTime(c.opened_at)}</dd>
              <dt>Due</dt>
              <dd>{formatDateTime(c.due_at)}</dd>
              {c.score !== null ? (
                <>
                  <dt>Score</dt>
                  <dd>{formatInteger(c.score)}</dd>
                </>
              ) : null}
              {c.comment ? (
                <>
                  <dt>What the customer wrote</dt>
                  <dd>
                    <blockquote>{c.comment}</blockquote>
                  </dd>
                </>
              ) : null}
              {c.resolved_at ? (
                <>
                  <dt>Resolved</dt>
                  <dd>{formatDateTime(c.resolved_at)}</dd>
                </>
              ) : null}
              <dt>Revenue at risk</dt>
              <dd>{formatMoney(c.revenue_at_risk, c.currency)}</dd>
            </dl>
            <CaseNumbers item={c} />
            <section className="panel" aria-labelledby="case-history">
              <h2 id="case-history">History</h2>
              <ol className="timeline" data-testid="case-history">
                {c.history.map((h) => (
                  <li key={`${h.at}-${h.event}-${JSON.stringify(h.detail)}`}>
                    <time dateTime={h.at}>{formatDateTime(h.at)}</time> ·{' '}
                    {EVENT_LABEL[h.event] ?? h.event}
                    {h.who ? ` (${h.who})` : ''} {detailText(h.event, h.detail)}
                  </li>
                ))}
              </ol>
            </section>
            <section aria-label="Act on this case">
              <ActingForms item={c} currency={c.currency} />
            </section>
          </>
        )}
      </QueryView>
    </div>
  );
}
