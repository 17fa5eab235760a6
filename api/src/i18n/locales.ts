// Pure data: the dashboard may bundle this module too (no server imports).

/**
 * Languages that have a message catalog, `messages/<locale>.json`, each a flat object of
 * ICU MessageFormat strings keyed like `report.board.title`. English is complete and is
 * the fallback for every key a translation lacks. Adding a language = adding its file
 * and its code here.
 */
export const LOCALES = ['en', 'ru', 'uk', 'lv', 'bg'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export const isLocale = (code: string): code is Locale =>
  (LOCALES as readonly string[]).includes(code);

/** A stored language code if it is still one we have a catalog for, else null. */
export const knownLocale = (code: string | null | undefined): Locale | null =>
  typeof code === 'string' && isLocale(code) ? code : null;
