import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../lib/errors';

/** How far a delivery's time may be from now, either way. */
export const REPLAY_WINDOW_SECONDS = 5 * 60;

const invalid = (message: string) => new DomainError('invalid_signature', message);

const hmac = (secret: string, data: string) => createHmac('sha256', secret).update(data, 'utf8');

/** Constant-time comparison of two signature texts (false when their lengths differ). */
function same(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `sha256=<digest>` → digest, or a 401 when the header is missing or of another scheme. */
function digestOf(header: string | undefined, name: string): string {
  if (header === undefined || header.trim() === '') throw invalid(`Missing ${name} header`);
  const match = /^sha256=(\S+)$/.exec(header.trim());
  if (!match) throw invalid(`${name} must be sha256=<digest>`);
  return match[1]!;
}

/** Typeform: `Typeform-Signature: sha256=` + base64(HMAC-SHA256(secret, raw body)). */
export function verifyTypeform(secret: string, rawBody: string, header: string | undefined): void {
  const given = digestOf(header, 'Typeform-Signature');
  if (!same(given, hmac(secret, rawBody).digest('base64'))) {
    throw invalid('Typeform-Signature does not match the body');
  }
}

/** Delighted: `X-Delighted-Webhook-Signature: sha256=` + hex(HMAC-SHA256(API key, raw body)). */
export function verifyDelighted(secret: string, rawBody: string, header: string | undefined): void {
  const given = digestOf(header, 'X-Delighted-Webhook-Signature');
  if (!same(given.toLowerCase(), hmac(secret, rawBody).digest('hex'))) {
    throw invalid('X-Delighted-Webhook-Signature does not match the body');
  }
}

/**
 * Generic sources: `X-Delight-Timestamp: <unix seconds>` and
 * `X-Delight-Signature: sha256=` + hex(HMAC-SHA256(secret, "<timestamp>.<raw body>")):
 * the time is signed with the body, so a captured delivery cannot be replayed later.
 */
export function verifyGeneric(
  secret: string,
  rawBody: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  nowSeconds: number,
): void {
  const given = digestOf(headers.signature, 'X-Delight-Signature');
  const ts = headers.timestamp?.trim() ?? '';
  if (!/^\d{1,12}$/.test(ts)) throw invalid('X-Delight-Timestamp must be unix seconds');
  if (!same(given.toLowerCase(), hmac(secret, `${ts}.${rawBody}`).digest('hex'))) {
    throw invalid('X-Delight-Signature does not match the timestamp and body');
  }
  checkFresh(Number(ts), nowSeconds, 'X-Delight-Timestamp');
}

/** A delivery whose (signed) time is more than 5 minutes from now is a replay: 401. */
export function checkFresh(atSeconds: number, nowSeconds: number, what: string): void {
  if (!Number.isFinite(atSeconds) || Math.abs(nowSeconds - atSeconds) > REPLAY_WINDOW_SECONDS) {
    throw new DomainError(
      'signature_expired',
      `${what} is more than ${REPLAY_WINDOW_SECONDS / 60} minutes from now; a replayed or delayed delivery is refused`,
    );
  }
}

/** Signatures for tests and for a generic sender's documentation. */
export const sign = {
  typeform: (secret: string, body: string) => `sha256=${hmac(secret, body).digest('base64')}`,
  delighted: (secret: string, body: string) => `sha256=${hmac(secret, body).digest('hex')}`,
  generic: (secret: string, body: string, ts: number) =>
    `sha256=${hmac(secret, `${ts}.${body}`).digest('hex')}`,
};
