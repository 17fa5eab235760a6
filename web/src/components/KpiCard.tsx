import type { KpiChange } from '@delight/api/kpis/types';
import { formatChange, formatInteger, formatNumber } from '../lib/format';
import { formatKpi, KPI_BETTER, type KpiKey, kpiLabel } from '../lib/kpis';
import type { KpiValue } from '../queries/kpis';

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
  const v = value?.value ?? null;
  const p = previous?.value ?? null;
  const change = v !== null && p !== null ? v - p : null;
  const test = value?.change ?? null;
  const noise = test?.significant === false;
  const better = KPI_BETTER[kpi];
  const tone =
    change === null || change === 0 || noise
      ? 'flat'
      : change > 0 === (better === 'higher')
        ? 'good'
        : 'bad';
  const digits = kpi === 'ces' ? 2 : 1;
  return (
    <article className="card kpi-card" data-testid={`kpi-${kpi}`} aria-label={kpiLabel(kpi)}>
      <h3>{kpiLabel(kpi)}</h3>
      <p className="kpi-value">
        <span data-testid={`kpi-${kpi}-value`}>{formatKpi(kpi, v)}</span>
        {kpi === 'nps' && value?.moe != null && (
          <span className="moe" data-testid="kpi-nps-moe" title="95 % margin of error">
            {' '}
            ± {formatNumber(value.moe, 1)}
          </span>
        )}
      </p>
      <p className="kpi-meta">
        <span data-testid={`kpi-${kpi}-n`}>n = {formatInteger(value?.n ?? 0)}</span>
        {change !== null && (
          <span className={`change change-${tone}`} data-testid={`kpi-${kpi}-change`}>
            <span aria-hidden="true">{change > 0 ? '▲' : change < 0 ? '▼' : '■'}</span>{' '}
            {formatChange(change, digits)} vs previous
            <span className="sr-only">
              {tone === 'good' ? ' (better)' : tone === 'bad' ? ' (worse)' : ''}
            </span>
          </span>
        )}
        {change !== null && test?.significant != null && (
          <span
            className={`noise ${noise ? 'noise-within' : 'noise-real'}`}
            data-testid={`kpi-${kpi}-noise`}
            title={test.text ?? undefined}
          >
            {noise
              ? `within noise (± ${formatNumber(test.margin, digits)})`
              : `a real change (beyond ± ${formatNumber(test.margin, digits)})`}
          </span>
        )}
        {change === null && previous !== undefined && (
          <span className="change change-flat">no previous value</span>
        )}
      </p>
    </article>
  );
}
