import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { CsvDownload } from '../../components/CsvDownload';
import { PeriodPicker } from '../../components/PeriodPicker';
import { QueryView } from '../../components/States';
import { TableWrap } from '../../components/TableWrap';
import { roleLabel } from '../../lib/access';
import { formatInteger, formatMoney, formatShare } from '../../lib/format';
import { periodLabel } from '../../lib/period';
import { useView } from '../../lib/url';
import { meQuery } from '../../queries/auth';
import { bonusRunQuery } from '../../queries/bonus';
import { AuditLog } from './AuditLog';
import { Disputes } from './Disputes';
import { RunApproval } from './RunApproval';

/** HR: the bonus run of a period, its totals per currency, the CSV, closing, the audit log. */
export default function HrPage() {
  const me = useQuery(meQuery());
  const role = me.data?.user.role;
  const canClose = role === 'hr' || role === 'admin';
  const { period, params, setPeriod, setParam } = useView();
  const run = useQuery(bonusRunQuery(period));
  const roleFilter = params.get('role') ?? '';
  const segmentFilter = params.get('segment') ?? '';
  const text = params.get('q') ?? '';
  return (
    <div className="page hr">
      <div className="page-head">
        <h1>Bonus run · {periodLabel(period)}</h1>
        <div className="controls">
          <PeriodPicker value={period} onChange={setPeriod} />
          {canClose && <CsvDownload period={period} />}
        </div>
      </div>
      {(canClose || role === 'executive') && <RunApproval period={period} />}
      {canClose && <Disputes period={period} />}
      <QueryView query={run} loadingLabel="Computing the bonus run…">
        {(r) => {
          const roles = [...new Set(r.rows.map((x) => x.role))].sort();
          const segments = [...new Set(r.rows.map((x) => x.segment ?? ''))].sort();
          const needle = text.trim().toLowerCase();
          const rows = r.rows.filter(
            (x) =>
              (!roleFilter || x.role === roleFilter) &&
              (!segmentFilter || (x.segment ?? '') === segmentFilter) &&
              (!needle ||
                x.name.toLowerCase().includes(needle) ||
                x.employee.toLowerCase().includes(needle)),
          );
          return (
            <>
              <section aria-labelledby="hr-totals" className="panel">
                <h2 id="hr-totals">Totals per currency</h2>
                {r.totals.length === 0 ? (
                  <p className="muted">No bonus rows: no plan for this period kind.</p>
                ) : (
                  <TableWrap label={'Totals per currency'}>
                    <table className="data" data-testid="totals">
                      <thead>
                        <tr>
                          <th scope="col">Currency</th>
                          <th scope="col" className="num">
                            Bonus
                          </th>
                          <th scope="col" className="num">
                            Bonus target
                          </th>
                          <th scope="col" className="num">
                            Employees
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {r.totals.map((t) => (
                          <tr key={t.currency}>
                            <td>{t.currency}</td>
                            <td className="num">{formatMoney(t.bonus_amount, t.currency)}</td>
                            <td className="num">{formatMoney(t.bonus_target, t.currency)}</td>
                            <td className="num">{formatInteger(t.employees)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </TableWrap>
                )}
              </section>
              {r.visibility === 'rows' && (
                <section aria-labelledby="hr-rows" className="panel">
                  <h2 id="hr-rows">Employees</h2>
                  <div className="controls filters">
                    <label>
                      Role{' '}
                      <select value={roleFilter} onChange={(e) => setParam('role', e.target.value)}>
                        <option value="">All</option>
                        {roles.map((x) => (
                          <option key={x} value={x}>
                            {roleLabel(x)}
                          </option>
                        ))}
                      </select>
                    </label>
                    <label>
                      Segment{' '}
                      <select
                        value={segmentFilter}
                        onChange={(e) => setParam('segment', e.target.value)}
                      >
                        <option value="">All</option>
                        {segments.map((x) => (
                          <option key={x} value={x}>
                            {x || 'none'}
                          </option>
                        ))}
                      </select>
                    </label>
                    <label>
                      Search{' '}
                      <input
                        type="search"
                        value={text}
                        placeholder="name or id"
                        onChange={(e) => setParam('q', e.target.value)}
                      />
                    </label>
                  </div>
                  {rows.length === 0 ? (
                    <p className="muted">No employee matches these filters.</p>
                  ) : (
                    <TableWrap label={'Employees'}>
                      <table className="data" data-testid="bonus-rows">
                        <thead>
                          <tr>
                            <th scope="col">Name</th>
                            <th scope="col" className="num">
                              Bonus
                            </th>
                            <th scope="col" className="num">
                              Achievement
                            </th>
                            <th scope="col">Role</th>
                            <th scope="col">Segment</th>
                            <th scope="col">Id</th>
                            <th scope="col" className="num">
                              Target
                            </th>
                            <th scope="col" className="num">
                              Proration
                            </th>
                          </tr>
                        </thead>
                        <tbody>
                          {rows.map((x) => (
                            <tr key={x.employee} data-employee={x.employee}>
                              <td>
                                <Link
                                  href={`/scorecard?period=${encodeURIComponent(period)}&employee=${encodeURIComponent(x.employee)}`}
                                  title={`${x.name}: the step-by-step statement`}
                                >
                                  {x.name}
                                </Link>
                              </td>
                              <td className="num" data-col="bonus">
                                {formatMoney(x.bonus_amount, x.currency)}
                              </td>
                              <td className="num">{formatShare(x.total_achievement)}</td>
                              <td>{roleLabel(x.role)}</td>
                              <td>{x.segment ?? '—'}</td>
                              <td>{x.employee}</td>
                              <td className="num">{formatMoney(x.bonus_target, x.currency)}</td>
                              <td className="num">{formatShare(x.proration)}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </TableWrap>
                  )}
                </section>
              )}
            </>
          );
        }}
      </QueryView>
      {canClose && (
        <section aria-labelledby="hr-audit" className="panel">
          <h2 id="hr-audit">Audit log</h2>
          <AuditLog />
        </section>
      )}
    </div>
  );
}
