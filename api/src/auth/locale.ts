import { type Db, users } from '@delight/db';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { LOCALES, type Locale } from '../i18n/locales';
import { forbidden } from '../lib/errors';
import { validate } from '../lib/validation';
import { describer, json } from '../openapi/describe';

/** Remembers the language a signed-in person chose, so it follows them to every browser. */
export async function setUserLocale(db: Db, userId: number, locale: Locale): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

const localeBody = z.object({
  locale: z.enum(LOCALES, { error: `locale must be one of ${LOCALES.join(', ')}` }),
});

const doc = describer('Account');
const localeAnswer = z.object({ locale: z.enum(LOCALES) });

// PATCH /api/account/locale: the header's language switch. A person's preference, so a
// session only (an API token has no person behind it); the CSRF header is checked by
// authenticate like on every cookie write. The answer is the session's new `user`.
export const localeRoutes = new Hono<AppEnv>().patch(
  '/',
  doc({
    summary: 'Remember the language you chose (a session only; an API token is 403)',
    responses: { 200: json(localeAnswer) },
  }),
  validate('json', localeBody),
  async (c) => {
    const principal = c.var.principal;
    if (principal.kind !== 'session') {
      throw forbidden('The language is a person’s choice: sign in to set it');
    }
    const { locale } = c.req.valid('json');
    await setUserLocale(c.var.deps.database.db, principal.id, locale);
    return c.json({ locale }, 200, { 'Cache-Control': 'no-store' });
  },
);
