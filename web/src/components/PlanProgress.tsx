import { useT } from '../i18n/useT';
import { formatKpi, kpiName } from '../lib/kpis';

/**
 * Where a KPI value sits between the plan's threshold, target and stretch. The bar runs
 * from threshold (left) to stretch (right) whichever way is better, so "further right is
 * better" holds for hour medians too.
 */
export function PlanProgress({
  kpi,
  value,
  threshold,
  target,
  stretch,
}: {
  kpi: string;
  value: number | null;
  threshold: number;
  target: number;
  stretch: number;
}) {
  const t = useT();
  const span = stretch - threshold;
  const at = (v: number) => (span === 0 ? 1 : Math.min(1, Math.max(0, (v - threshold) / span)));
  const pos = value === null ? 0 : at(value);
  const targetPos = at(target);
  return (
    <div className="plan-progress">
      <p className="sr-only">
        {t('kpi.plan.summary', {
          kpi: kpiName(t, kpi),
          value: formatKpi(kpi, value),
          threshold: formatKpi(kpi, threshold),
          target: formatKpi(kpi, target),
          stretch: formatKpi(kpi, stretch),
        })}
      </p>
      <div className="progress" aria-hidden="true">
        <span style={{ width: `${pos * 100}%` }} />
        <i
          className="target-mark"
          style={{ left: `${targetPos * 100}%` }}
          title={t('kpi.plan.targetMark')}
        />
      </div>
      <div className="progress-scale">
        <span>{t('kpi.plan.threshold', { value: formatKpi(kpi, threshold) })}</span>
        <span>{t('kpi.plan.target', { value: formatKpi(kpi, target) })}</span>
        <span>{t('kpi.plan.stretch', { value: formatKpi(kpi, stretch) })}</span>
      </div>
    </div>
  );
}
