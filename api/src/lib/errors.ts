import { unavailability } from '@delight/db';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { PeriodError } from './period';

/**
 * The one error shape every /api answer uses: `{ code, message, details?, requestId }`;
 * requestId is the X-Request-Id of the answer, the key to its log line.
 */
export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Extra top-level fields the contract asks for (e.g. `errors` of a rejected import). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new AppError(400, 'bad_request', message, details);
export const unauthorized = (message = 'Sign in or send a valid API token') =>
  new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'Your role does not allow this') =>
  new AppError(403, 'forbidden', message);
export const notFound = (message: string) => new AppError(404, 'not_found', message);
export const conflict = (message: string, details?: unknown) =>
  new AppError(409, 'conflict', message, details);
export const unprocessable = (message: string, details?: unknown) =>
  new AppError(422, 'unprocessable', message, details);

/** Seconds a client should wait before it retries a 503 (database down or not ready). */
export const RETRY_AFTER_SECONDS = 5;

/** The database is down, unreachable or too slow: a 503 the client may retry. */
export const databaseUnavailable = (reason: 'unavailable' | 'timeout', cause?: unknown) =>
  Object.assign(
    new AppError(
      503,
      reason === 'timeout' ? 'database_timeout' : 'database_unavailable',
      reason === 'timeout'
        ? 'The database took too long to answer; try again shortly'
        : 'The database is not answering; try again shortly',
    ),
    { cause },
  );

export function errorBody(err: AppError): ErrorBody & Record<string, unknown> {
  return {
    code: err.code,
    message: err.message,
    ...(err.details === undefined ? {} : { details: err.details }),
    ...err.extra,
  };
}

interface ErrorContextVars {
  requestId?: string;
  deps?: { logger?: { error(fields: object, msg: string): void } };
}

/**
 * Maps anything thrown in a handler to the error shape; never leaks a stack trace.
 * A lost or slow database is a 503 with Retry-After (not a 500); an unexpected error
 * is logged with its request id.
 */
export function handleError(err: Error, c: Context): Response {
  const vars = c.var as ErrorContextVars;
  const requestId = vars.requestId;
  const withId = <T extends object>(body: T) => (requestId ? { ...body, requestId } : body);
  const down = err instanceof AppError ? null : unavailability(err);
  const error = down ? databaseUnavailable(down, err) : err;
  if (error instanceof AppError) {
    if (error.status === 503) {
      c.header('Retry-After', String(RETRY_AFTER_SECONDS));
      vars.deps?.logger?.error({ reqId: requestId, err: error.cause ?? error }, error.message);
    }
    return c.json(withId(errorBody(error)), error.status);
  }
  // the shared period module is pure (the dashboard bundles it): its errors are 400s
  if (error instanceof PeriodError) {
    return c.json(withId({ code: error.code, message: error.message }), 400);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    const code =
      status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : 'http_error';
    return c.json(withId({ code, message: error.message || 'Request failed' }), status);
  }
  if (vars.deps?.logger)
    vars.deps.logger.error({ reqId: requestId, err: error }, 'unexpected error');
  else console.error(error);
  return c.json(withId({ code: 'internal', message: 'Internal server error' }), 500);
}
