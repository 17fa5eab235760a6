import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { DomainError, unauthorized } from '../lib/errors';
import type { Principal } from './principal';
import { SESSION_COOKIE, type SessionInfo, sessionForToken } from './sessions';
import { principalForToken } from './tokens';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const csrfError = () =>
  new DomainError('csrf', 'Missing or wrong X-CSRF-Token header (see GET /api/auth/me)');

/** Compares in constant time so the token cannot be guessed byte by byte. */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A cookie-authenticated write must echo the session's CSRF token in a header. */
export function checkCsrf(c: Context, csrfToken: string): void {
  if (SAFE_METHODS.has(c.req.method)) return;
  if (!sameSecret(c.req.header('x-csrf-token'), csrfToken)) throw csrfError();
}

/**
 * The client's address, for sign-in throttling and logs. X-Forwarded-For counts only
 * through trusted proxies (DELIGHT_TRUSTED_PROXIES): walking from the socket's peer
 * leftwards through the header, the first hop that is not a trusted proxy is the
 * client; a hop that is not an IP address ends the walk at the hop before it. With no
 * trusted proxy (the default) the header is ignored: anyone can send it. Requests
 * without a socket (app.request in tests) count as 'unknown'.
 */
export function clientAddress(c: Context<AppEnv>): string {
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    peer = undefined;
  }
  if (!peer) return 'unknown';
  const forwarded = c.req.header('x-forwarded-for');
  const trusted = c.var.deps?.isTrustedProxy;
  if (!forwarded || !trusted) return peer;
  const hops = forwarded
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean)
    .reverse();
  let client = peer;
  for (let i = 0; i < hops.length; i++) {
    if (!trusted(client, i)) return client;
    const next = hops[i]!;
    if (isIP(next) === 0) return client;
    client = next;
  }
  return client;
}

/** A caller's credential: the bearer token's principal, or the session's. */
export interface Credential {
  principal: Principal;
  /** set for a session cookie, null for an API token */
  session: SessionInfo | null;
}

/**
 * Bearer token first (a bad one is a 401, never a fallback to the cookie), else the
 * session cookie; 401 when neither is valid.
 */
export async function credentialOf(c: Context<AppEnv>): Promise<Credential> {
  const db = c.var.deps.database.db;
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const match = header.match(/^Bearer\s+(\S+)$/i);
    if (!match) throw unauthorized('Authorization must be "Bearer TOKEN"');
    const principal = await principalForToken(db, match[1]!);
    if (!principal) throw unauthorized('Unknown or revoked API token');
    return { principal, session: null };
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (!cookie) throw unauthorized();
  const session = await sessionForToken(db, cookie);
  if (!session) throw unauthorized('Your session has expired; sign in again');
  return { principal: session.principal, session };
}

/**
 * Every /api call but health and sign-in needs a credential. Cookie-authenticated
 * writes also need the CSRF header; bearer requests do not (a browser never adds
 * that header by itself).
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const { principal, session } = await credentialOf(c);
  if (session) checkCsrf(c, session.csrfToken);
  c.set('principal', principal);
  await next();
});
