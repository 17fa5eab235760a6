import { formatHours, formatNumber, formatPercent } from './format';

// Mirrors api/src/kpis/types.ts (the web bundle must not import server code).
export const KPI_KEYS = [
  'nps',
  'csat',
  'ces',
  'first_response_h',
  'resolution_h',
  'follow_up_rate',
  'recovery_rate',
  'retention_rate',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export const KPI_LABEL: Record<KpiKey, string> = {
  nps: 'NPS',
  csat: 'CSAT',
  ces: 'Customer effort (CES)',
  first_response_h: 'First response',
  resolution_h: 'Resolution time',
  follow_up_rate: 'Follow-up rate',
  recovery_rate: 'Recovery rate',
  retention_rate: 'Retention',
};

export const KPI_BETTER: Record<KpiKey, 'higher' | 'lower'> = {
  nps: 'higher',
  csat: 'higher',
  ces: 'higher',
  first_response_h: 'lower',
  resolution_h: 'lower',
  follow_up_rate: 'higher',
  recovery_rate: 'higher',
  retention_rate: 'higher',
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
      return formatHours(value, 1);
    default:
      return formatPercent(value, 1);
  }
}

export const kpiLabel = (key: string): string => KPI_LABEL[key as KpiKey] ?? key;
