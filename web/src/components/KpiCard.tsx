import type { KpiChange } from '@delight/api/kpis/types';
import { useT } from '../i18n/useT';
import { formatInteger, formatNumber } from '../lib/format';
import { formatKpi, type KpiKey, kpiName } from '../lib/kpis';
import type { KpiValue } from '../queries/kpis';
import { ChangeNote } from './ChangeNote';

/**
 * One KPI with its sample size, margin of error (NPS) and the change from the previous
 * period. Better/worse is said in words and an arrow, not only by colour; a change
 * within the noise of the two samples (DESIGN.md, "Is a change real?") says so and is
 * not coloured better or worse.
 */
export function KpiCard({
  kpi,
  value,
  previous,
}: {
  kpi: KpiKey;
  value: (KpiValue & { change?: KpiChange }) | undefined;
  previous?: KpiValue | null;
}) {
  const t = useT();
  const v = value?.value ?? null;
  const p = previous?.value ?? null;
  // the API's change (with its test of chance); a bare previous value gives the delta only
  const change: KpiChange | null =
    value?.change ??
    (v !== null && p !== null
      ? { delta: v - p, margin: null, significant: null, text: null }
      : null);
  return (
    <article className="card kpi-card" data-testid={`kpi-${kpi}`} aria-label={kpiName(t, kpi)}>
      <h3>{kpiName(t, kpi)}</h3>
      <p className="kpi-value">
        <span data-testid={`kpi-${kpi}-value`}>{formatKpi(kpi, v)}</span>
        {kpi === 'nps' && value?.moe != null && (
          <span className="moe" data-testid="kpi-nps-moe" title={t('kpi.moeTitle')}>
            {' '}
            ± {formatNumber(value.moe, 1)}
          </span>
        )}
      </p>
      <p className="kpi-meta">
        <span data-testid={`kpi-${kpi}-n`}>
          {t('kpi.sampleSize', { n: formatInteger(value?.n ?? 0) })}
        </span>
        {previous !== undefined && (
          <ChangeNote kpi={kpi} change={change} testId={`kpi-${kpi}-change`} />
        )}
      </p>
    </article>
  );
}
