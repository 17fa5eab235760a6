/**
 * Do the three answer the same question? For company KPIs and company money the API's
 * samples and headline figures are compared with the raw-scan SQL's and DuckDB's: a
 * benchmark that compares speeds of different answers would measure nothing.
 */
import type { Row } from './engines';
import { MEASURED_PERIOD } from './scales';

type Json = Record<string, unknown>;
const at = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((v, k) => (v as Json | null | undefined)?.[k], value);
const num = (value: unknown): number | null =>
  value === null || value === undefined || value === '' ? null : Number(value);

function compare(pairs: [string, unknown, unknown, number][]): string[] {
  const out: string[] = [];
  for (const [name, api, raw, tolerance] of pairs) {
    const a = num(api);
    const r = num(raw) ?? 0;
    if (a === null || Number.isNaN(a) || Math.abs(a - r) > tolerance) {
      out.push(`${name}: API ${String(api)} ≠ ${String(raw)}`);
    }
  }
  return out;
}

/** Mismatches between GET /api/kpis (company) and the raw kpiSql row of the measured period. */
export function checkKpis(api: unknown, rows: readonly Row[]): string[] {
  const row = rows.find((r) => r.key === MEASURED_PERIOD);
  if (!row) return ['no raw row for the period'];
  const k = (key: string, field = 'n') => at(api, 'kpis', key, field);
  return compare([
    ['nps.n', k('nps'), row.nps_n, 0],
    ['nps.promoters', k('nps', 'promoters'), row.promoters, 0],
    ['nps.detractors', k('nps', 'detractors'), row.detractors, 0],
    ['csat.n', k('csat'), row.csat_n, 0],
    ['ces.n', k('ces'), row.ces_n, 0],
    ['first_response_h.n', k('first_response_h'), row.fr_n, 0],
    ['first_response_h', k('first_response_h', 'value'), row.fr_median, 1e-6],
    ['resolution_h.n', k('resolution_h'), row.res_n, 0],
    ['follow_up_rate.n', k('follow_up_rate'), row.res_n, 0],
    ['retention_rate.n', k('retention_rate'), row.ret_n, 0],
  ]);
}

/** Mismatches between GET /api/money (company) and the raw moneySql row. */
export function checkMoney(api: unknown, rows: readonly Row[]): string[] {
  const row = rows[0];
  if (!row) return ['no raw row'];
  const active = ['promoters', 'passives', 'detractors', 'unknowns'].reduce(
    (s, k) => s + Number(row[k] ?? 0),
    0,
  );
  return compare([
    ['active_customers', at(api, 'counts', 'active_customers'), active, 0],
    ['detractors', at(api, 'counts', 'detractors'), row.detractors, 0],
    ['churned_in_period', at(api, 'counts', 'churned_in_period'), row.churned, 0],
    ['recovery_actions', at(api, 'counts', 'recovery_actions'), row.actions, 0],
    ['revenue_at_risk', at(api, 'figures', 'revenue_at_risk'), row.detractors_ttm, 0.006],
  ]);
}

export const CHECKS: Record<string, (api: unknown, rows: readonly Row[]) => string[]> = {
  'kpis-company': checkKpis,
  'money-company': checkMoney,
};
