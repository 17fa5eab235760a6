// One source for the KPI keys and their better direction: the API's pure types module.
import { KPI_BETTER, KPI_KEYS, type KpiKey } from '@delight/api/kpis/types';
import { formatHours, formatNumber, formatPercent } from './format';

export { KPI_BETTER, KPI_KEYS, type KpiKey };

export const KPI_LABEL: Record<KpiKey, string> = {
  nps: 'NPS',
  csat: 'CSAT',
  ces: 'Customer effort (CES)',
  first_response_h: 'First response',
  resolution_h: 'Resolution time',
  follow_up_rate: 'Follow-up rate',
  recovery_rate: 'Recovery rate',
  retention_rate: 'Retention',
  detractor_contact_rate: 'Detractors called',
  detractor_contact_h: 'Detractor call time',
  held_dissatisfied_rate: 'Dissatisfied held',
  acquired: 'New customers',
};

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

export const kpiLabel = (key: string): string => KPI_LABEL[key as KpiKey] ?? key;
