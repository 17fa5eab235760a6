import type { KpiChange } from '@delight/api/kpis/types';
import { useT } from '../i18n/useT';
import { formatChange, formatNumber } from '../lib/format';
import { KPI_BETTER, type KpiKey } from '../lib/kpis';

const unit = (kpi: KpiKey) => (kpi === 'ces' ? 2 : 1);

/**
 * "vs previous" with the API's test of chance (DESIGN.md, "Is a change real?"): an arrow,
 * and better / worse, only for a real change; a change inside the noise of the two
 * samples says so in words and gets no arrow; a median (no test) shows the plain change.
 */
export function ChangeNote({
  kpi,
  change,
  testId,
}: {
  kpi: KpiKey;
  change: KpiChange | null | undefined;
  testId?: string;
}) {
  const t = useT();
  const delta = change?.delta ?? null;
  if (delta === null) {
    return (
      <span className="change change-flat" data-testid={testId}>
        {t('change.noPrevious')}
      </span>
    );
  }
  const digits = unit(kpi);
  const shown = formatChange(delta, digits);
  if (change?.significant === false) {
    return (
      <span
        className="change change-flat"
        data-testid={testId}
        data-significant="false"
        title={t('change.testTitle', { margin: formatNumber(change.margin, digits) })}
      >
        {t('change.noise', { change: shown, margin: formatNumber(change.margin, digits) })}
      </span>
    );
  }
  if (change?.significant !== true || delta === 0) {
    return (
      <span className="change change-flat" data-testid={testId}>
        {t('change.plain', { change: shown })}
      </span>
    );
  }
  const good = delta > 0 === (KPI_BETTER[kpi] === 'higher');
  return (
    <span
      className={`change ${good ? 'change-good' : 'change-bad'}`}
      data-testid={testId}
      data-significant="true"
      title={t('change.testTitle', { margin: formatNumber(change.margin, digits) })}
    >
      <span aria-hidden="true">{delta > 0 ? '▲' : '▼'}</span>{' '}
      {good
        ? t('change.better', { change: shown, margin: formatNumber(change.margin, digits) })
        : t('change.worse', { change: shown, margin: formatNumber(change.margin, digits) })}
    </span>
  );
}
