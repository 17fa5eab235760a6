import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_LOCALE, type Locale } from './locales';
import en from './messages/en.json';

/** Every message key; English has them all, so its file is the list. */
export type MessageKey = keyof typeof en;
export type Catalog = Readonly<Record<MessageKey, string>>;

const catalogFile = z.record(z.string(), z.string());

/** One language's file, `messages/<locale>.json`: a flat object of ICU message strings. */
export function readCatalogFile(locale: string): Record<string, string> {
  const url = new URL(`./messages/${locale}.json`, import.meta.url);
  const parsed = catalogFile.safeParse(JSON.parse(readFileSync(url, 'utf8')));
  if (!parsed.success) {
    throw new Error(`messages/${locale}.json must be a flat object of strings (key → message)`);
  }
  return parsed.data;
}

/**
 * English with a translation's messages over it: a key the translation lacks (or leaves
 * empty) reads in English rather than as a raw key; keys English does not have are
 * ignored (the i18n sweep's catalog test reports them).
 */
export function withFallback(own: Readonly<Record<string, string>>): Catalog {
  const out: Record<MessageKey, string> = { ...en };
  for (const key of Object.keys(en) as MessageKey[]) {
    const message = own[key];
    if (message !== undefined && message !== '') out[key] = message;
  }
  return out;
}

const loaded = new Map<Locale, Catalog>();

/** The catalog of a supported language, read once. */
export function catalogFor(locale: Locale): Catalog {
  let catalog = loaded.get(locale);
  if (!catalog) {
    catalog = locale === DEFAULT_LOCALE ? en : withFallback(readCatalogFile(locale));
    loaded.set(locale, catalog);
  }
  return catalog;
}
