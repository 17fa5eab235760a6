import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, json } from '../api/client';
import type { AssumptionValues } from './admin';

export type AssumptionsPreview = InferResponseType<typeof api.assumptions.preview.$post, 200>;
export type PeriodChange = AssumptionsPreview['periods'][number];

/**
 * What saving these values (valid from `validFrom`, empty: today) would change, period
 * by period, with each company figure now and after. Nothing is stored.
 */
export const assumptionsPreviewQuery = (values: AssumptionValues, validFrom: string) =>
  queryOptions({
    queryKey: ['assumptions', 'preview', validFrom, JSON.stringify(values)] as const,
    queryFn: () =>
      json<AssumptionsPreview>(
        api.assumptions.preview.$post({
          // the route reads its body itself (a bad value is a 422 naming every field)
          json: { ...values, ...(validFrom ? { valid_from: validFrom } : {}) },
        } as never),
      ),
    retry: false,
    placeholderData: (prev) => prev,
  });
