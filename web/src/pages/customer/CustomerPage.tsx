import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Link, useParams } from 'wouter';
import { QueryView } from '../../components/States';
import { formatDate, formatDateTime, formatInteger, formatMoney } from '../../lib/format';
import { ActingForms } from '../cases/ActingForms';
import { CHANNEL_LABEL, KIND_LABEL, OUTCOME_LABEL, STATE_LABEL } from '../cases/labels';
import { caseHref, customerQuery } from '../cases/queries';

const CLASS_LABEL: Record<string, string> = {
  promoter: 'Promoter',
  passive: 'Passive',
  detractor: 'Detractor',
  unknown: 'Unknown (no NPS answer in the last 365 days)',
};

/** One customer: money explained, what they said, what went wrong and what was done. */
export default function CustomerPage() {
  const { id = '' } = useParams<{ id: string }>();
  const query = useQuery(customerQuery(decodeURIComponent(id)));
  const [acting, setActing] = useState<string | null>(null);
  return (
    <div className="page customer">
      <QueryView query={query}>
        {(c) => {
          const chosen = c.open_cases.find((x) => x.id === acting) ?? c.open_cases[0];
          return (
            <>
              <div className="page-head">
                <h1>{c.name}</h1>
                <p>
                  {c.external_id} · {c.segment.name}
                  {c.account_manager ? ` · account manager ${c.account_manager.name}` : ''} ·
                  customer since {formatDate(c.acquired_on)}
                  {c.churned_on ? ` · left on ${formatDate(c.churned_on)}` : ''}
                </p>
              </div>
              <section className="panel" aria-labelledby="cust-money">
                <h2 id="cust-money">Value and risk as of {formatDate(c.as_of)}</h2>
                <dl className="facts" data-testid="customer-money">
                  <dt>NPS class</dt>
                  <dd>
                    {CLASS_LABEL[c.nps_class] ?? c.nps_class}
                    <p className="muted">{c.explanation.nps_class}</p>
                  </dd>
                  <dt>Revenue, last 12 months</dt>
                  <dd>
                    {formatMoney(c.ttm, c.currency)}
                    <p className="muted">{c.explanation.ttm}</p>
                  </dd>
                  <dt>Customer lifetime value</dt>
                  <dd>
                    {formatMoney(c.clv, c.currency)}
                    <p className="muted">{c.explanation.clv}</p>
                  </dd>
                  <dt>Revenue at risk</dt>
                  <dd>
                    {formatMoney(c.revenue_at_risk, c.currency)}
                    <p className="muted">{c.explanation.revenue_at_risk}</p>
                  </dd>
                </dl>
              </section>
              <section className="panel" aria-labelledby="cust-revenue">
                <h2 id="cust-revenue">Revenue by month</h2>
                {c.revenue.length === 0 ? (
                  <p className="muted">This customer has no revenue rows.</p>
                ) : (
                  <div className="chart" style={{ height: 220 }}>
                    <ResponsiveContainer width="100%" height="100%">
                      <BarChart
                        data={c.revenue.map((r) => ({
                          month: r.month,
                          amount: r.reporting === null ? null : Number(r.reporting),
                        }))}
                      >
                        <CartesianGrid strokeDasharray="3 3" />
                        <XAxis dataKey="month" />
                        <YAxis />
                        <Tooltip />
                        <Bar dataKey="amount" name={`Revenue (${c.currency})`} fill="#3b6ea5" />
                      </BarChart>
                    </ResponsiveContainer>
                  </div>
                )}
              </section>
              <section className="panel" aria-labelledby="cust-cases">
                <h2 id="cust-cases">Open cases</h2>
                {c.open_cases.length === 0 ? (
                  <p className="muted">No open case: nothing to follow up with this customer.</p>
                ) : (
                  <>
                    <ul>
                      {c.open_cases.map((x) => (
                        <li key={x.id} className={x.overdue ? 'overdue' : undefined}>
                          <Link href={caseHref(x.id)}>
                            {x.subject === 'complaint'
                              ? `Complaint ${x.source}`
                              : `Answer ${x.source}`}
                          </Link>{' '}
                          · {STATE_LABEL[x.state] ?? x.state}
                          {x.overdue ? (
                            <strong className="badge overdue-badge"> Overdue</strong>
                          ) : null}{' '}
                          · due {formatDateTime(x.due_at)}
                        </li>
                      ))}
                    </ul>
                    {chosen ? (
                      <div>
                        <label>
                          Act on
                          <select value={chosen.id} onChange={(e) => setActing(e.target.value)}>
                            {c.open_cases.map((x) => (
                              <option key={x.id} value={x.id}>
                                {x.subject === 'complaint'
                                  ? `Complaint ${x.source}`
                                  : `Answer ${x.source}`}
                              </option>
                            ))}
                          </select>
                        </label>
                        <ActingForms key={chosen.id} item={chosen} currency={c.currency} />
                      </div>
                    ) : null}
                  </>
                )}
              </section>
              <section className="panel" aria-labelledby="cust-said">
                <h2 id="cust-said">What the customer said</h2>
                <ul className="comments">
                  {c.responses.map((r) => (
                    <li key={r.external_id}>
                      {r.kind.toUpperCase()} {formatInteger(r.score)} · {formatDate(r.responded_at)}
                      {r.comment ? <blockquote>{r.comment}</blockquote> : null}
                    </li>
                  ))}
                </ul>
              </section>
              <section className="panel" aria-labelledby="cust-complaints">
                <h2 id="cust-complaints">Complaints</h2>
                {c.complaints.length === 0 ? <p className="muted">No complaints.</p> : null}
                {c.complaints.map((k) => (
                  <article key={k.external_id}>
                    <h3>
                      {k.external_id} · {k.severity} severity · {k.validity}
                    </h3>
                    <ol className="timeline">
                      <li>
                        Opened {formatDateTime(k.opened_at)} (handled by {k.employee})
                      </li>
                      {k.first_response_at ? (
                        <li>First response {formatDateTime(k.first_response_at)}</li>
                      ) : null}
                      {k.resolved_at ? <li>Resolved {formatDateTime(k.resolved_at)}</li> : null}
                      {k.follow_up_at ? <li>Follow-up {formatDateTime(k.follow_up_at)}</li> : null}
                      {k.contacts.map((x) => (
                        <li key={x.external_id}>
                          Contact {formatDateTime(x.contacted_at)}:{' '}
                          {CHANNEL_LABEL[x.channel] ?? x.channel},{' '}
                          {(OUTCOME_LABEL[x.outcome] ?? x.outcome).toLowerCase()}
                          {x.note ? ` (${x.note})` : ''}
                        </li>
                      ))}
                      {k.recovery_actions.map((a) => (
                        <li key={a.external_id}>
                          {KIND_LABEL[a.kind] ?? a.kind} {formatDateTime(a.performed_at)}: {a.cost}{' '}
                          {a.currency}
                        </li>
                      ))}
                    </ol>
                  </article>
                ))}
              </section>
              <section className="panel" aria-labelledby="cust-contacts">
                <h2 id="cust-contacts">Every contact</h2>
                {c.contacts.length === 0 ? <p className="muted">No contact logged yet.</p> : null}
                <ul>
                  {c.contacts.map((x) => (
                    <li key={x.external_id}>
                      {formatDateTime(x.contacted_at)} · {CHANNEL_LABEL[x.channel] ?? x.channel} ·{' '}
                      {OUTCOME_LABEL[x.outcome] ?? x.outcome} · {x.employee}
                      {x.note ? ` · ${x.note}` : ''}
                    </li>
                  ))}
                </ul>
              </section>
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
