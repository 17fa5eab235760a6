import { goldenExpected } from '../src/golden';

// Expected texts are built here with Intl in en-US (the browser context's locale),
// straight from expected.json, not from the web app's own formatting code.

interface KpiExpect {
  value: number | null;
  n: number;
  moe?: number;
}
export interface ScopeExpect {
  kpis: Record<string, KpiExpect>;
  currency: string;
  figures: Record<string, string | number | null>;
  counts: Record<string, number>;
  let_go: string[];
}

/** A bonus row of expected.json (the fields the browser tests read). */
export interface ExpectedBonusRow {
  employee: string;
  name: string;
  role: string;
  segment: string | null;
  currency: string;
  bonus_amount: string;
  total_achievement: number;
  lines: { kpi: string }[];
}

/** The bonus rows of a period in expected.json. */
export function expectedBonusRows(period: string): ExpectedBonusRow[] {
  const byPeriod = goldenExpected()[period] as Record<string, unknown> | undefined;
  const bonus = byPeriod?.bonus as { rows: ExpectedBonusRow[] } | undefined;
  if (!bonus) throw new Error(`expected.json has no bonus rows for ${period}`);
  return bonus.rows;
}

export function expectedFor(period: string, scope: string): ScopeExpect {
  const byPeriod = goldenExpected()[period] as Record<string, ScopeExpect> | undefined;
  const found = byPeriod?.[scope];
  if (!found) throw new Error(`expected.json has no ${period} ${scope}`);
  return found;
}

const fixed = (digits: number) =>
  new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const npsText = (v: number) => fixed(1).format(v);
export const cesText = (v: number) => fixed(2).format(v);
export const percentText = (v: number) =>
  new Intl.NumberFormat('en-US', {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(v / 100);
export const moneyText = (amount: string, currency: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(
    amount as Intl.StringNumericLiteral,
  );
