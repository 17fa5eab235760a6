import type { Context } from 'hono';
import { languageDetector } from 'hono/language';
import { type Formatter, formatterFor } from './format';
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from './locales';

/**
 * Route middleware that picks the caller's language: `?lang=`, else the best supported
 * language of Accept-Language (`lv-LV` matches `lv`, q-values order them), else English.
 * Nothing is stored (no cookie): the user record will remember the choice (issue 14).
 */
export const detectLocale = languageDetector({
  supportedLanguages: [...LOCALES],
  fallbackLanguage: DEFAULT_LOCALE,
  order: ['querystring', 'header'],
  lookupQueryString: 'lang',
  caches: false,
});

/** The language `detectLocale` picked (English when the route has no detector). */
export function localeOf(c: Context): Locale {
  const picked = c.get('language');
  return typeof picked === 'string' && isLocale(picked) ? picked : DEFAULT_LOCALE;
}

export const formatterOf = (c: Context): Formatter => formatterFor(localeOf(c));
