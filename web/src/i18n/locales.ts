// The languages of the dashboard: the API's list (api/src/i18n/locales.ts), so the
// header offers exactly what users.locale accepts and the PDFs speak. Pure: no React.
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from '@delight/api/i18n/locales';

export { DEFAULT_LOCALE, isLocale, LOCALES, type Locale };

/**
 * The pseudo-locale: English with every letter accented and ~40 % longer, for tests
 * that catch text not taken from the catalogs and layouts that break on long words.
 * Never offered in the header; chosen with `?lang=en-XA`.
 */
export const PSEUDO_LOCALE = 'en-XA';
export type UiLocale = Locale | typeof PSEUDO_LOCALE;

export const isUiLocale = (code: string): code is UiLocale =>
  code === PSEUDO_LOCALE || isLocale(code);

const languageOf = (tag: string): string => tag.toLowerCase().split(/[-_]/)[0] ?? '';

/**
 * The best supported language of a browser's preference list (navigator.languages,
 * most preferred first): `lv-LV` gives `lv`; nothing supported gives English.
 */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const language = languageOf(tag);
    if (isLocale(language)) return language;
  }
  return DEFAULT_LOCALE;
}

/**
 * The locale tag Intl formats with: the browser's own tag for that language when it
 * has one (an English reader in Britain keeps "31 Mar 2026"), else the language alone
 * (lv → "31.03.2026."). The pseudo-locale formats as English.
 */
export function intlLocale(locale: UiLocale, preferred: readonly string[]): string {
  const language = locale === PSEUDO_LOCALE ? DEFAULT_LOCALE : locale;
  return preferred.find((tag) => languageOf(tag) === language) ?? language;
}

/** A language's name in that language, for the switch: "latviešu", "українська". */
export function endonym(locale: Locale): string {
  const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}
