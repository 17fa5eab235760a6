import type { Context, MiddlewareHandler } from 'hono';
import { languageDetector } from 'hono/language';
import type { AppEnv } from '../context';
import { type Formatter, formatterFor } from './format';
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from './locales';

const fromRequest = languageDetector({
  supportedLanguages: [...LOCALES],
  fallbackLanguage: DEFAULT_LOCALE,
  order: ['querystring', 'header'],
  lookupQueryString: 'lang',
  caches: false,
});

/**
 * Route middleware that picks the caller's language: `?lang=`, else the language the
 * signed-in user chose (users.locale, the header's switch), else the best supported
 * language of Accept-Language (`lv-LV` matches `lv`, q-values order them), else English.
 * Nothing is stored here (no cookie).
 */
export const detectLocale: MiddlewareHandler<AppEnv> = (c, next) =>
  fromRequest(c, async () => {
    const asked = c.req.query('lang');
    // unset on routes before authenticate (and in unit tests of this middleware)
    const chosen = (c.var.principal as AppEnv['Variables']['principal'] | undefined)?.locale;
    if (!(asked && isLocale(asked)) && chosen) c.set('language', chosen);
    await next();
  });

/** The language `detectLocale` picked (English when the route has no detector). */
export function localeOf(c: Context): Locale {
  const picked = c.get('language');
  return typeof picked === 'string' && isLocale(picked) ? picked : DEFAULT_LOCALE;
}

export const formatterOf = (c: Context): Formatter => formatterFor(localeOf(c));
