import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, json } from '../api/client';

/** A period's state with the caller's possible steps (docs/bonus.md, Approval). */
export type RunState = InferResponseType<(typeof api.periods)[':period']['$get'], 200>;
export type RunStep = RunState['steps'][number];
export type DisputeList = InferResponseType<typeof api.bonus.disputes.$get, 200>;
export type Dispute = DisputeList['disputes'][number];

export const runStateQuery = (period: string) =>
  queryOptions({
    queryKey: ['periods', period] as const,
    queryFn: () => json<RunState>(api.periods[':period'].$get({ param: { period } })),
  });

export const disputesQuery = (period: string) =>
  queryOptions({
    queryKey: ['bonus', period, 'disputes'] as const,
    queryFn: () => json<DisputeList>(api.bonus.disputes.$get({ query: { period } })),
  });

export type StepAction = 'submit' | 'approve' | 'close' | 'reopen';

/** One step on the run; `reason` only for reopen. */
export function takeStep(period: string, action: StepAction, reason?: string): Promise<unknown> {
  const p = api.periods[':period'];
  const param = { param: { period } };
  switch (action) {
    case 'submit':
      return json(p.submit.$post(param));
    case 'approve':
      return json(p.approve.$post(param));
    case 'close':
      return json(p.close.$post(param));
    case 'reopen':
      return json(p.reopen.$post({ ...param, json: { reason: reason ?? '' } }));
  }
}

export const raiseDispute = (period: string, line: string, comment: string) =>
  json<Dispute>(api.bonus.disputes.$post({ json: { period, line, comment } }));

export const acceptDispute = (id: number, amount: string, reason: string, reply: string) =>
  json<Dispute>(
    api.bonus.disputes[':id'].accept.$post({
      param: { id: String(id) },
      json: { amount, reason, ...(reply.trim() ? { reply } : {}) },
    }),
  );

export const rejectDispute = (id: number, reply: string) =>
  json<Dispute>(
    api.bonus.disputes[':id'].reject.$post({ param: { id: String(id) }, json: { reply } }),
  );
