/**
 * The one error contract of the domain, independent of HTTP: a service throws a
 * DomainError with a `code` from ErrorCode (and a message, maybe details); the API's
 * onError maps the code to an HTTP status (api/src/lib/http-errors.ts), the CLI to an
 * exit code (scripts/src/exit-codes.ts). Nothing here knows a status. This module has
 * no imports, so the dashboard can bundle it (lib/period.ts uses it).
 */
export const ERROR_CODES = [
  // the request itself is wrong (a parameter, the body, a period)
  'bad_request',
  'invalid_request',
  'invalid_period',
  'period_not_started',
  'wrong_password',
  // who is asking
  'unauthorized',
  'invalid_credentials',
  'invalid_signature',
  'signature_expired',
  'forbidden',
  'csrf',
  // what is asked for
  'not_found',
  'conflict',
  'payload_too_large',
  // well-formed but not acceptable
  'unprocessable',
  'import_rejected',
  'idempotency_key_reused',
  'rate_limited',
  // the bonus run's sign-off and disputes (docs/bonus.md, Approval; Disputes)
  'run_role_not_allowed',
  'run_own_submission',
  'dispute_not_own',
  'dispute_role_not_allowed',
  'dispute_own',
  'run_closed',
  'run_wrong_state',
  'period_not_ended',
  'run_no_plan',
  'run_open_disputes',
  'run_changed',
  'dispute_exists',
  'dispute_duplicate',
  'dispute_not_raised',
  'dispute_resolved',
  'reason_required',
  'dispute_unknown_line',
  'comment_required',
  'adjustment_invalid',
  'reply_required',
  // try again later
  'busy',
  'write_conflict',
  'database_unavailable',
  'database_timeout',
  'not_ready',
  'import_interrupted',
  // anything unexpected
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The one error shape every /api answer uses: `{ code, message, details?, requestId }`;
 * requestId is the X-Request-Id of the answer, the key to its log line.
 */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
  requestId: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra top-level fields the contract asks for (e.g. `errors` of a rejected import). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const isDomainError = (err: unknown, code?: ErrorCode): err is DomainError =>
  err instanceof DomainError && (code === undefined || err.code === code);

export const badRequest = (message: string, details?: unknown) =>
  new DomainError('bad_request', message, details);
export const invalidRequest = (message: string, details?: unknown) =>
  new DomainError('invalid_request', message, details);
export const unauthorized = (message = 'Sign in or send a valid API token') =>
  new DomainError('unauthorized', message);
export const forbidden = (message = 'Your role does not allow this') =>
  new DomainError('forbidden', message);
export const notFound = (message: string) => new DomainError('not_found', message);
export const conflict = (message: string, details?: unknown) =>
  new DomainError('conflict', message, details);
export const unprocessable = (message: string, details?: unknown) =>
  new DomainError('unprocessable', message, details);
export const payloadTooLarge = (message: string) => new DomainError('payload_too_large', message);

/** Seconds a client should wait before it retries a refusal of the "try again" kind. */
export const RETRY_AFTER_SECONDS = 5;

/** The database is down, unreachable or too slow: a refusal the client may retry. */
export const databaseUnavailable = (reason: 'unavailable' | 'timeout', cause?: unknown) =>
  Object.assign(
    new DomainError(
      reason === 'timeout' ? 'database_timeout' : 'database_unavailable',
      reason === 'timeout'
        ? 'The database took too long to answer; try again shortly'
        : 'The database is not answering; try again shortly',
    ),
    { cause },
  );

/** The body of an error without its request id (the adapter adds it). */
export function errorBody(
  err: DomainError,
): Omit<ErrorBody, 'requestId'> & Record<string, unknown> {
  return {
    code: err.code,
    message: err.message,
    ...(err.details === undefined ? {} : { details: err.details }),
    ...err.extra,
  };
}
