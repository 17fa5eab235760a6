import { type DescribeRouteOptions, describeRoute, resolver } from 'hono-openapi';
import { type ZodType, z } from 'zod';
import { ERROR_CODES } from '../lib/errors';

/** The one error shape (api/src/lib/errors.ts), declared once for every operation. */
export const errorBodySchema = z
  .looseObject({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string(),
  })
  .meta({ id: 'Error' });

type Responses = NonNullable<DescribeRouteOptions['responses']>;
type Response = Responses[string];

/** A JSON answer described by its zod schema (the same schema the tests check answers against). */
export const json = (schema: ZodType, description = 'OK'): Response => ({
  description,
  content: { 'application/json': { schema: resolver(schema) } },
});

/** A file answer (PDF, CSV, ZIP, Prometheus text): its media type, the body is bytes or text. */
export const file = (mediaType: string, description: string): Response => ({
  description,
  content: {
    [mediaType]: {
      schema: mediaType.startsWith('text/')
        ? { type: 'string' }
        : { type: 'string', contentMediaType: mediaType },
    },
  },
});

export const noContent = (description = 'Done; no body'): Response => ({ description });

export interface RouteDoc {
  summary: string;
  description?: string;
  /** the domain (tag) this operation is listed under; defaults to the sub-app's */
  tags?: string[];
  /** answers by status; every error answer has the one error shape and is added by itself */
  responses: Responses;
  /** a route mounted before sign-in (health, login, webhooks) */
  public?: boolean;
  /** a JSON body the handler reads itself (its checks give the detailed 422s) */
  body?: ZodType;
  /** parameters the handler reads itself (no validate() declares them) */
  parameters?: DescribeRouteOptions['parameters'];
  /** a body that is not JSON (multipart), or JSON described by hand */
  requestBody?: DescribeRouteOptions['requestBody'];
}

/**
 * Describes one operation for the OpenAPI document: its answers (and the error shape
 * for every other status), its tag, whether it needs a credential. Goes before the
 * route's validators in the handler chain.
 */
export function describe(tag: string, doc: RouteDoc) {
  return describeRoute({
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    tags: doc.tags ?? [tag],
    ...(doc.public ? { security: [] } : {}),
    ...(doc.parameters ? { parameters: doc.parameters } : {}),
    ...(doc.requestBody ? { requestBody: doc.requestBody } : {}),
    ...(doc.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: resolver(doc.body) } },
          },
        }
      : {}),
    responses: {
      ...doc.responses,
      default: json(errorBodySchema, 'An error, in the one error shape'),
    },
  });
}

/** `describe` bound to a sub-app's tag: `const doc = describer('KPIs')`. */
export const describer = (tag: string) => (d: RouteDoc) => describe(tag, d);
