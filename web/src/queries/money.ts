import { queryOptions } from '@tanstack/react-query';
import { getJson } from '../api/client';

export const MONEY_FIGURES = [
  'ttm_revenue',
  'revenue_at_risk',
  'expected_churn_loss',
  'lost_customer_cost',
  'recovery_value',
  'recovery_cost',
  'recovery_roi',
  'promoter_referral_value',
  'detractor_word_of_mouth_cost',
  'avg_clv',
] as const;
export type MoneyFigure = (typeof MONEY_FIGURES)[number];

export interface MoneyAnswer {
  period: string;
  scope: string;
  currency: string;
  /** amounts as decimal strings; recovery_roi a number or null */
  figures: Record<Exclude<MoneyFigure, 'recovery_roi' | 'avg_clv'>, string> & {
    avg_clv: string | null;
    recovery_roi: number | null;
  };
  assumptions?: Record<string, unknown>;
  counts?: Record<string, number>;
}

/** Whatever the explanation endpoint says; rendered as formula text plus its inputs. */
export interface ExplainAnswer {
  figure: string;
  value?: string | number | null;
  currency?: string;
  formula?: string;
  explanation?: string;
  inputs?: Record<string, unknown>;
  assumptions?: Record<string, unknown>;
  [key: string]: unknown;
}

export const moneyQuery = (period: string, scope: string) =>
  queryOptions({
    queryKey: ['money', period, scope] as const,
    queryFn: () => getJson<MoneyAnswer>('/api/money', { period, scope }),
  });

export const explainQuery = (period: string, scope: string, figure: string) =>
  queryOptions({
    queryKey: ['money', period, scope, 'explain', figure] as const,
    queryFn: () => getJson<ExplainAnswer>('/api/money/explain', { period, scope, figure }),
    staleTime: 60_000,
  });
