import { DomainError, type ErrorCode } from '@delight/api/lib/errors';

/**
 * The CLI's one adapter from the domain's error codes to exit codes (the API's is
 * api/src/lib/http-errors.ts). 0 is success and 2 a wrong command line (usage); a
 * refusal the caller can fix (bad period, unknown scope, rejected import, duplicate …)
 * is 1; one worth retrying unchanged is 75 (EX_TEMPFAIL of sysexits.h), a refused
 * credential 77 (EX_NOPERM), and an unexpected failure 70 (EX_SOFTWARE).
 */
export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;
export const EXIT_SOFTWARE = 70;
export const EXIT_TEMPFAIL = 75;
export const EXIT_NOPERM = 77;

export const EXIT_CODE: Record<ErrorCode, number> = {
  bad_request: EXIT_REFUSED,
  invalid_request: EXIT_REFUSED,
  invalid_period: EXIT_REFUSED,
  period_not_started: EXIT_REFUSED,
  wrong_password: EXIT_REFUSED,
  unauthorized: EXIT_NOPERM,
  invalid_credentials: EXIT_NOPERM,
  invalid_signature: EXIT_NOPERM,
  signature_expired: EXIT_NOPERM,
  forbidden: EXIT_NOPERM,
  csrf: EXIT_NOPERM,
  not_found: EXIT_REFUSED,
  conflict: EXIT_REFUSED,
  payload_too_large: EXIT_REFUSED,
  unprocessable: EXIT_REFUSED,
  import_rejected: EXIT_REFUSED,
  idempotency_key_reused: EXIT_REFUSED,
  rate_limited: EXIT_TEMPFAIL,
  run_role_not_allowed: EXIT_NOPERM,
  run_own_submission: EXIT_NOPERM,
  dispute_not_own: EXIT_NOPERM,
  dispute_role_not_allowed: EXIT_NOPERM,
  dispute_own: EXIT_NOPERM,
  run_closed: EXIT_REFUSED,
  run_wrong_state: EXIT_REFUSED,
  period_not_ended: EXIT_REFUSED,
  run_no_plan: EXIT_REFUSED,
  run_open_disputes: EXIT_REFUSED,
  run_changed: EXIT_REFUSED,
  dispute_exists: EXIT_REFUSED,
  dispute_duplicate: EXIT_REFUSED,
  dispute_not_raised: EXIT_REFUSED,
  dispute_resolved: EXIT_REFUSED,
  reason_required: EXIT_REFUSED,
  dispute_unknown_line: EXIT_REFUSED,
  comment_required: EXIT_REFUSED,
  adjustment_invalid: EXIT_REFUSED,
  reply_required: EXIT_REFUSED,
  busy: EXIT_TEMPFAIL,
  write_conflict: EXIT_TEMPFAIL,
  database_unavailable: EXIT_TEMPFAIL,
  database_timeout: EXIT_TEMPFAIL,
  not_ready: EXIT_TEMPFAIL,
  import_interrupted: EXIT_TEMPFAIL,
  internal: EXIT_SOFTWARE,
};

/** The exit code of anything a command threw: a domain error by its code, else 70. */
export const exitCodeOf = (err: unknown): number =>
  err instanceof DomainError ? EXIT_CODE[err.code] : EXIT_SOFTWARE;

/** Prints a thrown error the way the CLI does (message, and the code for domain errors). */
export function reportError(err: unknown, out: NodeJS.WritableStream = process.stderr): number {
  if (err instanceof DomainError) out.write(`${err.message}\n`);
  else out.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return exitCodeOf(err);
}
