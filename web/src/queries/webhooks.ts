import { queryOptions } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { api, body } from '../api/client';

const sources = api['webhook-sources'];
export type WebhookSourcesAnswer = InferResponseType<typeof sources.$get, 200>;
export type WebhookSource = WebhookSourcesAnswer['sources'][number];
export type WebhookSourceBody = InferRequestType<(typeof sources)[':source']['$put']>['json'];

export const webhookSourcesQuery = () =>
  queryOptions({
    queryKey: ['webhook-sources'] as const,
    queryFn: () => body(sources.$get()),
  });

export const saveWebhookSource = (name: string, source: WebhookSourceBody) =>
  body(sources[':source'].$put({ param: { source: name }, json: source }));

export const deleteWebhookSource = (name: string) =>
  sources[':source'].$delete({ param: { source: name } });
