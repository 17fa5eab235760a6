import { useQuery } from '@tanstack/react-query';
import { useT } from '../i18n/useT';
import { KPI_KEYS } from '../lib/kpis';
import { kpisQuery, previousKpi } from '../queries/kpis';
import { KpiCard } from './KpiCard';
import { QueryView } from './States';

/** All eight KPIs of a scope, each with its change from the previous period. */
export function KpiGrid({ period, scope }: { period: string; scope: string }) {
  const t = useT();
  const kpis = useQuery(kpisQuery(period, scope));
  return (
    <QueryView query={kpis} loadingLabel={t('kpi.loading')}>
      {(k) => (
        <div className="cards" data-testid="kpi-cards">
          {KPI_KEYS.map((key) => (
            <KpiCard key={key} kpi={key} value={k.kpis[key]} previous={previousKpi(k, key)} />
          ))}
        </div>
      )}
    </QueryView>
  );
}
