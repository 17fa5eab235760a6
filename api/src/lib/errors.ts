import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one error shape every /api answer uses: `{ code, message, details? }`. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
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

export function errorBody(err: AppError): ErrorBody & Record<string, unknown> {
  return {
    code: err.code,
    message: err.message,
    ...(err.details === undefined ? {} : { details: err.details }),
    ...err.extra,
  };
}

/** Maps anything thrown in a handler to the error shape; never leaks a stack trace. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof AppError) return c.json(errorBody(err), err.status);
  if (err instanceof HTTPException) {
    const status = err.status;
    const code =
      status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : 'http_error';
    return c.json({ code, message: err.message || 'Request failed' }, status);
  }
  console.error(err);
  return c.json({ code: 'internal', message: 'Internal server error' }, 500);
}
