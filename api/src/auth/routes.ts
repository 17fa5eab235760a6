import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { validate } from '../lib/validation';
import { checkCsrf, clientAddress, credentialOf } from './middleware';
import { deleteSession, SESSION_COOKIE, sessionForToken } from './sessions';
import { type Me, meOfSession, rateLimited, signIn } from './sign-in';

const loginSchema = z.object({
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(1024),
});

/** The answers carry the CSRF token: no cache may keep them. */
const NO_STORE = { 'Cache-Control': 'no-store' };

// /api/auth: sign-in, sign-out, who am I. Mounted before the authenticate middleware;
// login needs no credential, logout and me look at the credential themselves.
export const authRoutes = new Hono<AppEnv>()
  .post('/login', validate('json', loginSchema), async (c) => {
    const { db } = c.var.deps.database;
    const ttlHours = c.var.deps.sessionTtlHours;
    const previous = getCookie(c, SESSION_COOKIE);
    const outcome = await signIn(db, {
      ...c.req.valid('json'),
      address: clientAddress(c),
      ttlHours,
    });
    if (outcome.kind === 'rate_limited') {
      c.header('Retry-After', String(outcome.retryAfter));
      throw rateLimited(outcome.retryAfter);
    }
    // A new sign-in replaces whatever session this browser had.
    if (previous) await deleteSession(db, previous);
    setCookie(c, SESSION_COOKIE, outcome.session.token, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: c.var.deps.secureCookies,
      maxAge: Math.floor(ttlHours * 3600),
      expires: outcome.session.expiresAt,
    });
    return c.json(outcome.me, 200, NO_STORE);
  })
  .post('/logout', async (c) => {
    const { db } = c.var.deps.database;
    const cookie = getCookie(c, SESSION_COOKIE);
    const session = cookie ? await sessionForToken(db, cookie) : null;
    // Signing out of a live session is a cookie-authenticated write like any other.
    if (session) checkCsrf(c, session.csrfToken);
    if (cookie) await deleteSession(db, cookie);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: c.var.deps.secureCookies });
    return c.body(null, 204);
  })
  .get('/me', async (c) => {
    const { principal, session } = await credentialOf(c);
    const me: Me = session
      ? meOfSession(session)
      : {
          user: {
            email: null,
            role: principal.role,
            employee: principal.employeeExternalId,
            name: principal.label,
          },
          csrfToken: null,
        };
    return c.json(me, 200, NO_STORE);
  });
