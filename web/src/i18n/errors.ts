import { ApiError } from '../api/client';
import type { MessageId } from './catalogs';
import type { Translate } from './useT';

/**
 * API error codes whose meaning is whole in the code: the web says them in the reader's
 * language. Other codes (bad_request, not_found, conflict, unprocessable, …) carry a
 * specific sentence only the API knows, so those read the API's `message`.
 * Add a code here and its `error.<code>` message to the five catalogs.
 */
const CODE_MESSAGES: Readonly<Partial<Record<string, MessageId>>> = {
  unauthorized: 'error.unauthorized',
  forbidden: 'error.forbidden',
  csrf: 'error.csrf',
  invalid_credentials: 'error.invalid_credentials',
  wrong_password: 'error.wrong_password',
  rate_limited: 'error.rate_limited',
  invalid_period: 'error.invalid_period',
  period_not_started: 'error.period_not_started',
  payload_too_large: 'error.payload_too_large',
  database_unavailable: 'error.database_unavailable',
  database_timeout: 'error.database_timeout',
  internal: 'error.internal',
};

function retryMinutes(details: unknown): number {
  const seconds =
    typeof details === 'object' && details !== null && 'retryAfter' in details
      ? Number(details.retryAfter)
      : 60;
  return Math.max(1, Math.ceil((Number.isFinite(seconds) ? seconds : 60) / 60));
}

/**
 * What the reader sees for anything thrown: the catalog's message for a known API code,
 * else the API's own message; a failed fetch (no answer at all) is a network message,
 * and anything else the `fallback`.
 */
export function errorMessage(
  t: Translate,
  err: unknown,
  fallback: MessageId = 'error.generic',
): string {
  if (err instanceof ApiError) {
    const id = CODE_MESSAGES[err.code];
    if (id === 'error.rate_limited') return t(id, { minutes: retryMinutes(err.details) });
    if (id) return t(id);
    if (err.status >= 500 && err.code.startsWith('http_')) return t('error.internal');
    return err.message;
  }
  // fetch rejects with a TypeError when the server cannot be reached
  if (err instanceof TypeError) return t('error.network');
  return t(fallback);
}
