// Pure data and types: the dashboard bundles this module too, so it must not import server code.
/** The delight KPIs of DESIGN.md, in display order: the eight, then the closed loop's four. */
export const KPI_KEYS = [
  'nps',
  'csat',
  'ces',
  'first_response_h',
  'resolution_h',
  'follow_up_rate',
  'recovery_rate',
  'retention_rate',
  'detractor_contact_rate',
  'detractor_contact_h',
  'held_dissatisfied_rate',
  'acquired',
] as const;
/** The closed loop's KPIs (DESIGN.md, Closed loop). */
export const CLOSED_LOOP_KPIS = [
  'detractor_contact_rate',
  'detractor_contact_h',
  'held_dissatisfied_rate',
  'acquired',
] as const satisfies readonly KpiKey[];
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
  detractor_contact_rate: 'higher',
  detractor_contact_h: 'lower',
  held_dissatisfied_rate: 'higher',
  acquired: 'higher',
};

/** How people call each KPI (API texts; the dashboard has its own copy for layout). */
export const KPI_NAMES: Record<KpiKey, string> = {
  nps: 'NPS',
  csat: 'CSAT',
  ces: 'customer effort (CES)',
  first_response_h: 'first response time',
  resolution_h: 'resolution time',
  follow_up_rate: 'follow-up rate',
  recovery_rate: 'recovery rate',
  retention_rate: 'retention',
  detractor_contact_rate: 'detractors contacted in time',
  detractor_contact_h: 'time to contact a detractor',
  held_dissatisfied_rate: 'dissatisfied customers held',
  acquired: 'customers acquired',
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

/**
 * Is the change from the previous period real (DESIGN.md)? `significant` null: no test
 * for this KPI (CES, the hour medians) or a side without a value.
 */
export interface KpiChange {
  delta: number | null;
  /** the noise band: sqrt(moe₁² + moe₂²) for NPS, the two-proportion band for shares */
  margin: number | null;
  significant: boolean | null;
  /** for people: "Within noise: …" / "A real change: …" */
  text: string | null;
}

/** A KPI of an API answer: the value plus the previous period's, and whether the change is real. */
export type KpiWithPrevious<V extends KpiValue = KpiValue> = V & {
  previous: KpiValue;
  change: KpiChange;
};
export type KpiSetWithPrevious = { nps: KpiWithPrevious<NpsValue> } & Record<
  Exclude<KpiKey, 'nps'>,
  KpiWithPrevious
>;

/** `GET /api/kpis`: the contract's `{period, scope, kpis}` plus the previous period's values. */
export interface KpiAnswer extends Omit<KpiResult, 'kpis'> {
  previous_period: string;
  kpis: KpiSetWithPrevious;
}

export type TrendGrain = 'month' | 'quarter' | 'year';

/** `GET /api/kpis/trend`: one point per period, oldest first. */
export interface KpiTrend {
  scope: string;
  grain: TrendGrain;
  from: string;
  to: string;
  points: KpiResult[];
}

export type BreakdownBy = 'segment' | 'manager' | 'employee';

export interface BreakdownRow {
  /** `segment:S1`, `manager:E004`, `employee:E006` */
  scope: string;
  id: string;
  name: string;
  /** 1 = best on the sort KPI; null without a value or below min_n */
  rank: number | null;
  kpis: KpiSet;
  /** each KPI's change from the previous period, and whether it is beyond noise */
  changes: Record<KpiKey, KpiChange>;
  complaints_unfounded: number;
  complaints_pending: number;
}

/** `GET /api/kpis/breakdown`: league table of one period, best first on `sort`. */
export interface KpiBreakdown {
  period: string;
  by: BreakdownBy;
  sort: KpiKey;
  min_n: number;
  /** employees / managers of this role only; null for all */
  role: string | null;
  rows: BreakdownRow[];
}
