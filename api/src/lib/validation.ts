import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { invalidRequest } from './errors';

/**
 * zod validation through one hook: a failure becomes `400 { code: 'invalid_request' }`
 * with each issue's path and message in `details`.
 */
export const validate = <Target extends keyof ValidationTargets, Schema extends ZodType>(
  target: Target,
  schema: Schema,
) =>
  zValidator(target, schema, (result) => {
    if (!result.success) {
      const issues = result.error.issues.map((i) => ({
        path: i.path.join('.'),
        message: i.message,
      }));
      const first = issues[0];
      throw invalidRequest(
        first ? `${first.path || target}: ${first.message}` : 'Invalid request',
        issues,
      );
    }
  });
