import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { CsvDownload } from '../../components/CsvDownload';
import { PeriodPicker } from '../../components/PeriodPicker';
import { QueryView } from '../../components/States';
import { TableWrap } from '../../components/TableWrap';
import { useT } from '../../i18n/useT';
import { roleName } from '../../lib/access';
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
  const t = useT();
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
        <h1>{t('hr.title', { period: periodLabel(period) })}</h1>
        <div className="controls">
          <PeriodPicker value={period} onChange={setPeriod} />
          {canClose && <CsvDownload period={period} />}
        </div>
      </div>
      {(canClose || role === 'executive') && <RunApproval period={period} />}
      {canClose && <Disputes period={period} />}
      <QueryView query={run} loadingLabel={t('hr.computing')}>
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
                <h2 id="hr-totals">{t('hr.totals')}</h2>
                {r.totals.length === 0 ? (
                  <p className="muted">{t('hr.noRows')}</p>
                ) : (
                  <TableWrap label={t('hr.totals')}>
                    <table className="data" data-testid="totals">
                      <thead>
                        <tr>
                          <th scope="col">{t('hr.col.currency')}</th>
                          <th scope="col" className="num">
                            {t('hr.col.bonus')}
                          </th>
                          <th scope="col" className="num">
                            {t('hr.col.bonusTarget')}
                          </th>
                          <th scope="col" className="num">
                            {t('hr.col.employees')}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {r.totals.map((x) => (
                          <tr key={x.currency}>
                            <td translate="no">{x.currency}</td>
                            <td className="num">{formatMoney(x.bonus_amount, x.currency)}</td>
                            <td className="num">{formatMoney(x.bonus_target, x.currency)}</td>
                            <td className="num">{formatInteger(x.employees)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </TableWrap>
                )}
              </section>
              {r.visibility === 'rows' && (
                <section aria-labelledby="hr-rows" className="panel">
                  <h2 id="hr-rows">{t('hr.employees')}</h2>
                  <div className="controls filters">
                    <label>
                      {t('hr.filter.role')}{' '}
                      <select value={roleFilter} onChange={(e) => setParam('role', e.target.value)}>
                        <option value="">{t('hr.filter.all')}</option>
                        {roles.map((x) => (
                          <option key={x} value={x}>
                            {roleName(t, x)}
                          </option>
                        ))}
                      </select>
                    </label>
                    <label>
                      {t('hr.filter.segment')}{' '}
                      <select
                        value={segmentFilter}
                        onChange={(e) => setParam('segment', e.target.value)}
                      >
                        <option value="">{t('hr.filter.all')}</option>
                        {segments.map((x) => (
                          <option key={x} value={x} translate={x ? 'no' : undefined}>
                            {x ? (r.segment_names[x] ?? x) : t('hr.filter.noSegment')}
                          </option>
                        ))}
                      </select>
                    </label>
                    <label>
                      {t('hr.filter.search')}{' '}
                      <input
                        type="search"
                        value={text}
                        placeholder={t('hr.filter.searchPlaceholder')}
                        onChange={(e) => setParam('q', e.target.value)}
                      />
                    </label>
                  </div>
                  {rows.length === 0 ? (
                    <p className="muted">{t('hr.noMatch')}</p>
                  ) : (
                    <TableWrap label={t('hr.employees')}>
                      <table className="data" data-testid="bonus-rows">
                        <thead>
                          <tr>
                            <th scope="col">{t('hr.col.name')}</th>
                            <th scope="col" className="num">
                              {t('hr.col.bonus')}
                            </th>
                            <th scope="col" className="num">
                              {t('hr.col.achievement')}
                            </th>
                            <th scope="col">{t('hr.col.role')}</th>
                            <th scope="col">{t('hr.col.segment')}</th>
                            <th scope="col">{t('hr.col.id')}</th>
                            <th scope="col" className="num">
                              {t('hr.col.target')}
                            </th>
                            <th scope="col" className="num">
                              {t('hr.col.proration')}
                            </th>
                          </tr>
                        </thead>
                        <tbody>
                          {rows.map((x) => (
                            <tr key={x.employee} data-employee={x.employee}>
                              <td>
                                <Link
                                  href={`/scorecard?period=${encodeURIComponent(period)}&employee=${encodeURIComponent(x.employee)}`}
                                  title={t('hr.statementLink')}
                                >
                                  <span translate="no">{x.name}</span>
                                </Link>
                              </td>
                              <td className="num" data-col="bonus">
                                {formatMoney(x.bonus_amount, x.currency)}
                              </td>
                              <td className="num">{formatShare(x.total_achievement)}</td>
                              <td>{roleName(t, x.role)}</td>
                              <td data-col="segment" translate="no" title={x.segment ?? undefined}>
                                {x.segment ? (r.segment_names[x.segment] ?? x.segment) : '—'}
                              </td>
                              <td translate="no">{x.employee}</td>
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
          <h2 id="hr-audit">{t('hr.audit')}</h2>
          <AuditLog />
        </section>
      )}
    </div>
  );
}
