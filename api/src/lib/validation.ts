import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { ValidationTargets } from 'hono';
import { validator } from 'hono-openapi';
import type { ZodType } from 'zod';
import { DomainError, invalidRequest } from './errors';

/**
 * The params a refinement sets to say "the request is well-formed, but the domain
 * refuses these values" (422), e.g. `.refine(check, { message, params: DOMAIN_RULE })`.
 */
export const DOMAIN_RULE = { domainRule: true } as const;

export interface Problem {
  path: string;
  message: string;
}

const pathOf = (issue: StandardSchemaV1.Issue): string =>
  (issue.path ?? [])
    .map((p) => (typeof p === 'object' && p !== null ? String(p.key) : String(p)))
    .join('.');

/** Whether zod marked the issue with DOMAIN_RULE (its params are copied onto the issue). */
const isDomainRule = (issue: StandardSchemaV1.Issue): boolean =>
  'params' in issue &&
  typeof issue.params === 'object' &&
  issue.params !== null &&
  'domainRule' in issue.params &&
  issue.params.domainRule === true;

/**
 * The one validation hook of the API, for every target (query, path, headers, JSON body):
 * - 400 `invalid_request`: the request does not have the documented shape (a parameter
 *   or field missing, of the wrong type or out of its declared range, an unknown field);
 *   a body that is not JSON at all is a 400 `bad_request` before the hook runs;
 * - 422 `unprocessable`: the request has the documented shape and every problem is a
 *   domain rule (a refinement marked with DOMAIN_RULE).
 * Either way `details` lists each problem's path and message.
 */
export function validationError(
  target: string,
  issues: readonly StandardSchemaV1.Issue[],
): DomainError {
  const problems: Problem[] = issues.map((i) => ({ path: pathOf(i), message: i.message }));
  const first = problems[0];
  const message = first ? `${first.path || target}: ${first.message}` : 'Invalid request';
  if (issues.length > 0 && issues.every(isDomainRule)) {
    return new DomainError('unprocessable', message, problems);
  }
  return invalidRequest(message, problems);
}

/**
 * zod validation through the one hook; the schema also lands in the OpenAPI document
 * (as the operation's parameters or request body), so the two cannot drift.
 */
export const validate = <Target extends keyof ValidationTargets, Schema extends ZodType>(
  target: Target,
  schema: Schema,
) =>
  validator(target, schema, (result) => {
    if (!result.success) throw validationError(target, result.error);
  });
