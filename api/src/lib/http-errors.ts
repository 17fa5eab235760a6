import { unavailability } from '@delight/db';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  DomainError,
  databaseUnavailable,
  type ErrorBody,
  type ErrorCode,
  errorBody,
  RETRY_AFTER_SECONDS,
} from './errors';

/** The API's one adapter from the domain's error codes to HTTP statuses. */
export const HTTP_STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  invalid_request: 400,
  invalid_period: 400,
  period_not_started: 400,
  wrong_password: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  invalid_signature: 401,
  signature_expired: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  import_rejected: 422,
  idempotency_key_reused: 422,
  rate_limited: 429,
  run_role_not_allowed: 403,
  run_own_submission: 403,
  dispute_not_own: 403,
  dispute_role_not_allowed: 403,
  dispute_own: 403,
  run_closed: 409,
  run_wrong_state: 409,
  period_not_ended: 409,
  run_no_plan: 409,
  run_open_disputes: 409,
  run_changed: 409,
  dispute_exists: 409,
  dispute_duplicate: 409,
  dispute_not_raised: 409,
  dispute_resolved: 409,
  reason_required: 422,
  dispute_unknown_line: 422,
  comment_required: 422,
  adjustment_invalid: 422,
  reply_required: 422,
  busy: 503,
  write_conflict: 503,
  database_unavailable: 503,
  database_timeout: 503,
  not_ready: 503,
  import_interrupted: 503,
  internal: 500,
};

export const httpStatusOf = (code: ErrorCode): ContentfulStatusCode => HTTP_STATUS[code];

interface ErrorContextVars {
  requestId?: string;
  deps?: { logger?: { error(fields: object, msg: string): void } };
}

/** Seconds to wait named by the error itself (`details.retry_after`), else the default. */
function retryAfterOf(err: DomainError): number {
  const d = err.details;
  if (d && typeof d === 'object' && 'retry_after' in d && typeof d.retry_after === 'number') {
    return d.retry_after;
  }
  return RETRY_AFTER_SECONDS;
}

/** A Hono HTTPException (body limit, basic auth …) in the domain's terms. */
function fromHttpException(err: HTTPException): DomainError {
  const code: ErrorCode =
    err.status === 413
      ? 'payload_too_large'
      : err.status === 401
        ? 'unauthorized'
        : err.status === 403
          ? 'forbidden'
          : err.status === 404
            ? 'not_found'
            : err.status < 500
              ? 'bad_request'
              : 'internal';
  return new DomainError(code, err.message || 'Request failed');
}

/**
 * The API's onError: maps anything thrown in a handler to the error shape with the
 * request id; never leaks a stack trace. A lost or slow database is a 503 with
 * Retry-After (not a 500); an unexpected error is logged with its request id.
 */
export function handleError(err: Error, c: Context): Response {
  const vars = c.var as ErrorContextVars;
  const requestId = vars.requestId ?? '';
  const down = err instanceof DomainError ? null : unavailability(err);
  const error: DomainError | Error = down
    ? databaseUnavailable(down, err)
    : err instanceof HTTPException
      ? fromHttpException(err)
      : err;
  if (error instanceof DomainError) {
    const status = httpStatusOf(error.code);
    if (status === 503) {
      c.header('Retry-After', String(retryAfterOf(error)));
      vars.deps?.logger?.error({ reqId: requestId, err: error.cause ?? error }, error.message);
    }
    if (status >= 500 && status !== 503) {
      vars.deps?.logger?.error({ reqId: requestId, err: error }, error.message);
    }
    return c.json({ ...errorBody(error), requestId }, status);
  }
  if (vars.deps?.logger)
    vars.deps.logger.error({ reqId: requestId, err: error }, 'unexpected error');
  else console.error(error);
  const body: ErrorBody = { code: 'internal', message: 'Internal server error', requestId };
  return c.json(body, 500);
}
