import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { type Locale, PSEUDO_LOCALE, type UiLocale } from './locales';
import en from './messages/en.json';

/** Every message id; English has them all (the catalog test holds the others to it). */
export type MessageId = keyof typeof en;
/** Strings in the source; syntax trees once built (web/src/i18n/vite-messages.ts). */
export type Messages = Readonly<Record<MessageId, string | MessageFormatElement[]>>;

export const english: Messages = en;

// English is in the entry chunk (the fallback, and the first paint of most sign-ins);
// each other language is its own small chunk, fetched when chosen.
const loaders: Record<Exclude<Locale, 'en'> | typeof PSEUDO_LOCALE, () => Promise<unknown>> = {
  ru: () => import('./messages/ru.json'),
  uk: () => import('./messages/uk.json'),
  lv: () => import('./messages/lv.json'),
  bg: () => import('./messages/bg.json'),
  [PSEUDO_LOCALE]: async () => ({ default: (await import('./pseudo')).pseudoCatalog(en) }),
};

const isCatalogModule = (m: unknown): m is { default: Partial<Messages> } =>
  typeof m === 'object' && m !== null && 'default' in m && typeof m.default === 'object';

/**
 * A language's messages, English underneath: a key a translation lacks reads in
 * English rather than as a raw id (the catalog test keeps that from happening).
 */
export async function loadMessages(locale: UiLocale): Promise<Messages> {
  if (locale === 'en') return english;
  const loaded = await loaders[locale]();
  const own = isCatalogModule(loaded) ? loaded.default : {};
  return { ...english, ...own };
}
