import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, body, json } from '../api/client';

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

// The write routes take any JSON object and check it themselves (so that a bad plan is a
// 422 listing every problem); their answers are typed by the routes.
/** What saving a plan version answers (POST: created; PUT: updated or unchanged). */
export type PlanSaved = { result: 'created' | 'updated' | 'unchanged'; plan: Plan };

export const savePlanVersion = (plan: Plan): Promise<PlanSaved> =>
  body(
    api.plans[':key'][':validFrom'].$put({
      param: { key: plan.key, validFrom: plan.valid_from },
      json: plan,
    }),
  );

export const createPlanVersion = (plan: Plan): Promise<PlanSaved> =>
  body(api.plans.$post({ json: plan }));

export const saveAssumptions = (values: AssumptionValues & { valid_from?: string }) =>
  body(api.assumptions.$put({ json: values }));

export type ImportAnswer = InferResponseType<typeof api.import.$post, 200>;

export type ImportJobAnswer = InferResponseType<typeof api.import.$post, 202>;

function importForm(files: File[]): FormData {
  const form = new FormData();
  for (const f of files) form.append(f.name, f, f.name);
  return form;
}

/** The multipart upload of import files (one part per file, named by its file name). */
export const uploadImport = (files: File[], dryRun = false): Promise<ImportAnswer> =>
  // the route streams the parts itself: the body goes as it is; without ?async it answers 200
  json<ImportAnswer>(
    api.import.$post(
      { query: dryRun ? { dry_run: '1' } : {} },
      { init: { body: importForm(files) } },
    ),
  );

/** The same upload as a job (?async=1): 202 with the job to poll at GET /api/imports/{id}. */
export const startImportJob = <T = ImportJobAnswer>(files: File[]): Promise<T> =>
  json<T>(api.import.$post({ query: { async: '1' } }, { init: { body: importForm(files) } }));

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
