import { useQuery } from '@tanstack/react-query';
import { PeriodPicker } from '../../components/PeriodPicker';
import { ScopePicker } from '../../components/ScopePicker';
import { QueryView } from '../../components/States';
import { formatInteger, formatMoney, formatNumber, formatPercent } from '../../lib/format';
import { periodLabel } from '../../lib/period';
import { useView } from '../../lib/url';
import { meQuery } from '../../queries/auth';
import { KIND_LABEL } from '../cases/labels';
import { effectivenessQuery } from '../cases/queries';
import { RecoveryChart } from './RecoveryChart';

const signed = (v: number | null) =>
  v === null ? '—' : `${v > 0 ? '+' : ''}${formatNumber(v, 1)}`;

/** Which recovery works: per kind against the baseline, and the recovery paradox. */
export default function RecoveryPage() {
  const me = useQuery(meQuery());
  const employee = me.data?.user.employee;
  const { period, scope, setPeriod, setScope } = useView(
    employee && me.data?.user.role === 'segment_manager' ? { scope: `manager:${employee}` } : {},
  );
  const query = useQuery(effectivenessQuery(period, scope));
  return (
    <div className="page recovery">
      <div className="page-head">
        <h1>Recovery effectiveness · {periodLabel(period)}</h1>
        <div className="controls">
          <PeriodPicker value={period} onChange={setPeriod} />
          <ScopePicker
            period={period}
            value={scope}
            onChange={setScope}
            allowCompany={me.data?.user.role !== 'segment_manager'}
          />
        </div>
      </div>
      <QueryView query={query}>
        {(d) => (
          <>
            <section className="panel" aria-labelledby="paradox">
              <h2 id="paradox">
                Are recovered customers more loyal than those who never complained?
              </h2>
              <p data-testid="paradox-text">{d.paradox.text}</p>
              <dl className="facts">
                <dt>NPS after a recovered complaint</dt>
                <dd>
                  {formatNumber(d.paradox.recovered_nps_after.value, 1)} (n ={' '}
                  {formatInteger(d.paradox.recovered_nps_after.n)})
                </dd>
                <dt>NPS of customers without a complaint</dt>
                <dd>
                  {formatNumber(d.paradox.no_complaint_nps.value, 1)} (n ={' '}
                  {formatInteger(d.paradox.no_complaint_nps.n)})
                </dd>
                <dt>Difference</dt>
                <dd>
                  {signed(d.paradox.difference)}
                  {d.paradox.moe === null ? '' : ` ± ${formatNumber(d.paradox.moe, 1)}`}
                </dd>
              </dl>
            </section>
            <section className="panel" aria-labelledby="by-kind">
              <h2 id="by-kind">Which apology form pays off</h2>
              <RecoveryChart data={d} />
              <div className="table-wrap">
                <table className="data" data-testid="effectiveness">
                  <thead>
                    <tr>
                      <th scope="col">Recovery</th>
                      <th scope="col" className="num">
                        Complaints
                      </th>
                      <th scope="col" className="num">
                        NPS uplift (n)
                      </th>
                      <th scope="col" className="num">
                        NPS after (n)
                      </th>
                      <th scope="col" className="num">
                        Recovered
                      </th>
                      <th scope="col" className="num">
                        Cost per recovered customer
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...d.kinds, d.baseline].map((g) => (
                      <tr key={g.kind}>
                        <th scope="row">{KIND_LABEL[g.kind] ?? g.kind}</th>
                        <td className="num">{formatInteger(g.n)}</td>
                        <td className="num">
                          {signed(g.uplift.value)} ({formatInteger(g.uplift.n)})
                        </td>
                        <td className="num">
                          {formatNumber(g.nps_after.value, 1)}
                          {g.nps_after.moe === null ? '' : ` ± ${formatNumber(g.nps_after.moe, 1)}`}{' '}
                          ({formatInteger(g.nps_after.n)})
                        </td>
                        <td className="num">{formatPercent(g.recovered_share.value, 1)}</td>
                        <td className="num">
                          {g.cost_per_recovered === null
                            ? '—'
                            : formatMoney(g.cost_per_recovered, d.currency)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          </>
        )}
      </QueryView>
    </div>
  );
}
