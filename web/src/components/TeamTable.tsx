import { useQuery } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { useT } from '../i18n/useT';
import { formatInteger } from '../lib/format';
import { formatKpi, KPI_KEYS, kpiName } from '../lib/kpis';
import { breakdownQuery } from '../queries/kpis';
import { ChangeNote } from './ChangeNote';
import { QueryView } from './States';
import { TableWrap } from './TableWrap';

/** Scorecards of the employees the caller may see (the API filters to their team). */
export function TeamTable({ period }: { period: string }) {
  const t = useT();
  const [, navigate] = useLocation();
  const team = useQuery(breakdownQuery(period, 'employee'));
  const open = (scope: string) =>
    navigate(`/drilldown?period=${encodeURIComponent(period)}&scope=${encodeURIComponent(scope)}`);
  return (
    <QueryView query={team} isEmpty={(d) => d.rows.length === 0} empty={t('table.team.empty')}>
      {(d) => (
        <TableWrap label={t('table.team.label')}>
          <table className="data" data-testid="team">
            <thead>
              <tr>
                <th scope="col">{t('table.team.employee')}</th>
                {KPI_KEYS.map((k) => (
                  <th key={k} scope="col" className="num">
                    {kpiName(t, k)}
                  </th>
                ))}
                <th scope="col">{t('table.team.npsChange')}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr
                  key={r.id}
                  className="clickable"
                  tabIndex={0}
                  onClick={() => open(r.scope)}
                  onKeyDown={(e) => e.key === 'Enter' && open(r.scope)}
                >
                  <td translate="no">{r.name}</td>
                  {KPI_KEYS.map((k) => (
                    <td
                      key={k}
                      className="num"
                      title={t('kpi.sampleSize', { n: formatInteger(r.kpis[k].n) })}
                    >
                      {formatKpi(k, r.kpis[k].value)}{' '}
                      <span className="muted">({formatInteger(r.kpis[k].n)})</span>
                    </td>
                  ))}
                  <td className="change-cell">
                    <ChangeNote kpi="nps" change={r.changes?.nps} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </QueryView>
  );
}
