import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { LOCALES } from '../i18n/locales';
import { forbidden } from '../lib/errors';
import { validate } from '../lib/validation';
import { role } from '../openapi/common';
import { describer, json, noContent } from '../openapi/describe';
import { checkCsrf, clientAddress, credentialOf } from './middleware';
import { changeOwnPassword } from './own-password';
import { deleteSession, SESSION_COOKIE, sessionForToken } from './sessions';
import { type Me, meOfSession, rateLimited, signIn } from './sign-in';
import { MIN_PASSWORD_LENGTH } from './users';

const passwordSchema = z.object({
  current_password: z.string().min(1, 'Give your current password').max(1024),
  new_password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `A password needs at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(1000),
});

const loginSchema = z.object({
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(1024),
});

const doc = describer('Auth');
const meAnswer = z.object({
  user: z.object({
    email: z.string().nullable(),
    role,
    employee: z.string().nullable(),
    name: z.string().nullable(),
    /** the stored language; null until the user picks one */
    locale: z.enum(LOCALES).nullable(),
  }),
  csrfToken: z.string().nullable(),
});
const passwordChanged = z.object({ changed: z.literal(true), sessionsEnded: z.number().int() });

/** The answers carry the CSRF token: no cache may keep them. */
const NO_STORE = { 'Cache-Control': 'no-store' };

// /api/auth: sign-in, sign-out, who am I. Mounted before the authenticate middleware;
// login needs no credential, logout and me look at the credential themselves.
export const authRoutes = new Hono<AppEnv>()
  .post(
    '/login',
    doc({
      summary: 'Sign in with email and password; sets the session cookie',
      public: true,
      responses: { 200: json(meAnswer, 'Signed in; csrfToken goes in X-CSRF-Token on writes') },
    }),
    validate('json', loginSchema),
    async (c) => {
      const { db } = c.var.deps.database;
      const ttlHours = c.var.deps.sessionTtlHours;
      const previous = getCookie(c, SESSION_COOKIE);
      const outcome = await signIn(db, {
        ...c.req.valid('json'),
        address: clientAddress(c),
        ttlHours,
      });
      if (outcome.kind === 'rate_limited') {
        c.header('Retry-After', String(outcome.throttle.retryAfter));
        throw rateLimited(outcome.throttle);
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
    },
  )
  .post(
    '/logout',
    doc({ summary: 'Sign out (ends the session)', public: true, responses: { 204: noContent() } }),
    async (c) => {
      const { db } = c.var.deps.database;
      const cookie = getCookie(c, SESSION_COOKIE);
      const session = cookie ? await sessionForToken(db, cookie) : null;
      // Signing out of a live session is a cookie-authenticated write like any other.
      if (session) checkCsrf(c, session.csrfToken);
      if (cookie) await deleteSession(db, cookie);
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: c.var.deps.secureCookies });
      return c.body(null, 204);
    },
  )
  .get(
    '/me',
    doc({
      summary: 'Who the caller is (session or API token)',
      responses: { 200: json(meAnswer) },
    }),
    async (c) => {
      const { principal, session } = await credentialOf(c);
      const me: Me = session
        ? meOfSession(session)
        : {
            user: {
              email: null,
              role: principal.role,
              employee: principal.employeeExternalId,
              name: principal.label,
              locale: null,
            },
            csrfToken: null,
          };
      return c.json(me, 200, NO_STORE);
    },
  )
  // A signed-in person changes their own password (a session, never an API token).
  .post(
    '/password',
    doc({
      summary: 'Change your own password (a session only); ends your other sessions',
      responses: { 200: json(passwordChanged) },
    }),
    validate('json', passwordSchema),
    async (c) => {
      const { db } = c.var.deps.database;
      const { session } = await credentialOf(c);
      const cookie = getCookie(c, SESSION_COOKIE);
      if (!session || !cookie) throw forbidden('Sign in with your password to change it');
      checkCsrf(c, session.csrfToken);
      c.set('principal', session.principal);
      const body = c.req.valid('json');
      const outcome = await changeOwnPassword(db, {
        email: session.email,
        currentPassword: body.current_password,
        newPassword: body.new_password,
        address: clientAddress(c),
        sessionToken: cookie,
      });
      if (outcome.kind === 'rate_limited') {
        c.header('Retry-After', String(outcome.throttle.retryAfter));
        throw rateLimited(outcome.throttle);
      }
      return c.json(
        { changed: true as const, sessionsEnded: outcome.sessionsEnded },
        200,
        NO_STORE,
      );
    },
  );
