// One source for the KPI keys and their better direction: the API's pure types module.
import { KPI_BETTER, KPI_KEYS, type KpiKey } from '@delight/api/kpis/types';
import type { MessageId } from '../i18n/catalogs';
import type { Translate } from '../i18n/useT';
import { formatHours, formatNumber, formatPercent } from './format';

export { KPI_BETTER, KPI_KEYS, type KpiKey };

export const KPI_NAME: Record<KpiKey, MessageId> = {
  nps: 'kpi.name.nps',
  csat: 'kpi.name.csat',
  ces: 'kpi.name.ces',
  first_response_h: 'kpi.name.first_response_h',
  resolution_h: 'kpi.name.resolution_h',
  follow_up_rate: 'kpi.name.follow_up_rate',
  recovery_rate: 'kpi.name.recovery_rate',
  retention_rate: 'kpi.name.retention_rate',
  detractor_contact_rate: 'kpi.name.detractor_contact_rate',
  detractor_contact_h: 'kpi.name.detractor_contact_h',
  held_dissatisfied_rate: 'kpi.name.held_dissatisfied_rate',
  acquired: 'kpi.name.acquired',
};

const isKpiKey = (key: string): key is KpiKey => (KPI_KEYS as readonly string[]).includes(key);

/** The KPI's name in the reader's language (a key that is no KPI is shown as it is). */
export const kpiName = (t: Translate, key: string): string =>
  isKpiKey(key) ? t(KPI_NAME[key]) : key;

/** The KPI in its own unit: NPS points, CSAT/rates as %, CES on its 1–7 scale, hours. */
export function formatKpi(key: string, value: number | null | undefined): string {
  switch (key) {
    case 'nps':
      return formatNumber(value, 1);
    case 'ces':
      return formatNumber(value, 2);
    case 'first_response_h':
    case 'resolution_h':
    case 'detractor_contact_h':
      return formatHours(value, 1);
    case 'acquired':
      return formatNumber(value, 0);
    default:
      return formatPercent(value, 1);
  }
}
