/**
 * The dashboard questions of issue 12: each an HTTP call of the real API and the same
 * question as raw-scan SQL (questions.ts). Scoped calls ask about the probes the
 * generator names (the first segment, its manager, an agent of it).
 */
import type { Manifest } from './generate/dataset';
import { benchPeriod, previousQuarter } from './periods';
import {
  type CustomerSort,
  costToServeSql,
  customersSql,
  type Dialect,
  kpiSql,
  moneySql,
} from './questions';
import { MEASURED_PERIOD, MONTHS } from './scales';

export interface Question {
  key: string;
  label: string;
  path: string;
  csv: boolean;
  /** the raw-scan statements answering the same question */
  raw(d: Dialect): string[];
  /** bonus run and HR CSV: also reported per employee (bonus row) */
  perEmployee: boolean;
}

export function dashboardQuestions(manifest: Manifest): Question[] {
  const { segment, manager, employee } = manifest.probes;
  const P = MEASURED_PERIOD;
  const period = benchPeriod(P);
  const both = [period, previousQuarter(P)];
  const q = (
    key: string,
    label: string,
    path: string,
    raw: (d: Dialect) => string[],
    extra: Partial<Pick<Question, 'csv' | 'perEmployee'>> = {},
  ): Question => ({ key, label, path, raw, csv: false, perEmployee: false, ...extra });
  const bonusInputs = () => [
    kpiSql([period], 'employee'),
    kpiSql([period], 'manager'),
    kpiSql([period], 'segment'),
  ];
  const customers = (sort: CustomerSort, dir: 'asc' | 'desc') =>
    q(
      `customers-${sort}`,
      `customers, sort ${sort}`,
      `/api/customers?period=${P}&scope=company&sort=${sort}&dir=${dir}&page=1&page_size=50`,
      (d) => [customersSql(d, period, sort)],
    );
  return [
    q('kpis-company', 'kpis company', `/api/kpis?period=${P}&scope=company`, () => [
      kpiSql(both, 'company'),
    ]),
    q('kpis-segment', 'kpis segment', `/api/kpis?period=${P}&scope=segment:${segment}`, () => [
      kpiSql(both, 'segment', segment),
    ]),
    q('kpis-manager', 'kpis manager', `/api/kpis?period=${P}&scope=manager:${manager}`, () => [
      kpiSql(both, 'manager', manager),
    ]),
    q('kpis-employee', 'kpis employee', `/api/kpis?period=${P}&scope=employee:${employee}`, () => [
      kpiSql(both, 'employee', employee),
    ]),
    q(
      'trend-24',
      'trend 24 months',
      `/api/kpis/trend?scope=company&from=${MONTHS[0]}&to=${MONTHS.at(-1)}&grain=month`,
      () => [kpiSql(MONTHS.map(benchPeriod), 'company')],
    ),
    q(
      'breakdown-employee',
      'breakdown by employee',
      `/api/kpis/breakdown?period=${P}&by=employee`,
      () => [kpiSql([period], 'employee')],
    ),
    q('money-company', 'money company', `/api/money?period=${P}&scope=company`, (d) => [
      moneySql(d, period, { kind: 'company' }),
    ]),
    q('money-segment', 'money segment', `/api/money?period=${P}&scope=segment:${segment}`, (d) => [
      moneySql(d, period, { kind: 'segment', id: segment }),
    ]),
    customers('ttm', 'desc'),
    customers('revenue_at_risk', 'desc'),
    customers('name', 'asc'),
    q(
      'cost-to-serve',
      'cost-to-serve',
      `/api/customers/cost-to-serve?period=${P}&scope=company`,
      (d) => [costToServeSql(d, period)],
    ),
    q('bonus-run', 'bonus run', `/api/bonus?period=${P}`, bonusInputs, { perEmployee: true }),
    q('hr-csv', 'HR CSV', `/api/bonus/export.csv?period=${P}`, bonusInputs, {
      csv: true,
      perEmployee: true,
    }),
  ];
}
