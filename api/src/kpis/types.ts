/** The eight delight KPIs of DESIGN.md, in display order. */
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

/** Which way is better: lower for the hour medians, higher for the rest. */
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

export interface KpiValue {
  /** null when n = 0 */
  value: number | null;
  n: number;
}
export interface NpsValue extends KpiValue {
  /** 95 % margin of error, null when n = 0 */
  moe: number | null;
  promoters: number;
  detractors: number;
}

export type KpiSet = { nps: NpsValue } & Record<Exclude<KpiKey, 'nps'>, KpiValue>;

export interface KpiResult {
  period: string;
  scope: string;
  kpis: KpiSet;
  /** complaints counted in no KPI, listed separately */
  complaints_unfounded: number;
  complaints_pending: number;
}
