import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, json, sendJson } from '../api/client';

export type PlansAnswer = InferResponseType<typeof api.plans.$get, 200>;
export type Plan = PlansAnswer['plans'][number];
export type PlanLine = Plan['lines'][number];
export type AssumptionsAnswer = InferResponseType<typeof api.assumptions.$get, 200>;
export type AssumptionValues = AssumptionsAnswer['current']['values'];
export type SensitivityAnswer = InferResponseType<typeof api.money.sensitivity.$get, 200>;

/** `{ path, message }` of a 422 from the plans and assumptions endpoints. */
export interface Problem {
  path: string;
  message: string;
}
/** `{ file, line, column, message }` of a rejected import. */
export interface ImportProblem {
  file: string;
  line: number | null;
  column: string | null;
  message: string;
}

export const plansQuery = () =>
  queryOptions({
    queryKey: ['plans'] as const,
    queryFn: () => json<PlansAnswer>(api.plans.$get()),
  });

export const assumptionsQuery = () =>
  queryOptions({
    queryKey: ['assumptions'] as const,
    queryFn: () => json<AssumptionsAnswer>(api.assumptions.$get()),
  });

export const sensitivityQuery = (period: string, scope = 'company') =>
  queryOptions({
    queryKey: ['money', period, scope, 'sensitivity'] as const,
    queryFn: () =>
      json<SensitivityAnswer>(api.money.sensitivity.$get({ query: { period, scope } })),
  });

// The write routes read their bodies themselves (so that a bad plan is a 422 listing
// every problem, not a 400 from the validator); their bodies are therefore untyped.
export const savePlanVersion = (plan: Plan) =>
  sendJson<{ result: string; plan: Plan }>(
    'PUT',
    `/api/plans/${encodeURIComponent(plan.key)}/${encodeURIComponent(plan.valid_from)}`,
    plan,
  );

export const createPlanVersion = (plan: Plan) =>
  sendJson<{ result: string; plan: Plan }>('POST', '/api/plans', plan);

export const saveAssumptions = (values: AssumptionValues & { valid_from?: string }) =>
  sendJson<{ id: number; created: boolean }>('PUT', '/api/assumptions', values);

export const uploadImport = (files: File[]) => {
  const form = new FormData();
  for (const f of files) form.append(f.name, f, f.name);
  return sendJson<{ imported: Record<string, number> }>('POST', '/api/import', form);
};

export type BonusPreview = InferResponseType<typeof api.bonus.preview.$post, 200>;
export type MoneyPreview = InferResponseType<typeof api.money.preview.$post, 200>;

/**
 * The bonus run of the plan's role under a draft plan, beside the stored amounts.
 * Without a period the API picks the one of the plan's kind holding the latest data.
 */
export const bonusPreviewQuery = (plan: Plan, period: string | null) =>
  queryOptions({
    queryKey: ['bonus', 'preview', period ?? 'latest', JSON.stringify(plan)] as const,
    queryFn: () =>
      json<BonusPreview>(
        api.bonus.preview.$post({ json: { plan, ...(period ? { period } : {}) } }),
      ),
    retry: false,
    placeholderData: (prev) => prev,
  });

/** GET /api/money's answer with typed assumption values instead of the stored ones. */
export const moneyPreviewQuery = (period: string, scope: string, assumptions: AssumptionValues) =>
  queryOptions({
    queryKey: ['money', period, scope, 'preview', JSON.stringify(assumptions)] as const,
    queryFn: () =>
      json<MoneyPreview>(api.money.preview.$post({ json: { period, scope, assumptions } })),
    retry: false,
    placeholderData: (prev) => prev,
  });
