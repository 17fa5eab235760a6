import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  Fragment,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { IntlProvider } from 'react-intl';
import { api, json } from '../api/client';
import { setFormatLocale } from '../lib/format';
import { meQuery, type SessionAnswer } from '../queries/auth';
import { english, loadMessages, type MessageId, type Messages } from './catalogs';
import './i18n.css';
import {
  intlLocale,
  isLocale,
  isUiLocale,
  type Locale,
  pickLocale,
  type UiLocale,
} from './locales';

/** The last language chosen in this browser: the sign-in page speaks it before we know who. */
const CHOICE_KEY = 'delight.locale';
/** A `?lang=` of this tab (tests, the pseudo-locale): wins over everything until a choice. */
const TAB_KEY = 'delight.lang';

// react-intl takes a catalog of strings or one of syntax trees (the build's), not a mix
const allTrees = (m: Messages): m is Readonly<Record<MessageId, MessageFormatElement[]>> =>
  Object.values(m).every((v) => typeof v !== 'string');
const allStrings = (m: Messages): m is Readonly<Record<MessageId, string>> =>
  Object.values(m).every((v) => typeof v === 'string');

const browserLanguages = (): readonly string[] =>
  navigator.languages?.length ? navigator.languages : [navigator.language];

function read(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key);
  } catch {
    return null;
  }
}
function write(storage: () => Storage, key: string, value: string | null): void {
  try {
    if (value === null) storage().removeItem(key);
    else storage().setItem(key, value);
  } catch {
    // private mode without storage: the choice lasts this page only (and on the server)
  }
}

function tabOverride(): UiLocale | null {
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (asked && isUiLocale(asked)) {
    write(() => sessionStorage, TAB_KEY, asked);
    return asked;
  }
  const kept = read(() => sessionStorage, TAB_KEY);
  return kept && isUiLocale(kept) ? kept : null;
}

interface LocaleState {
  /** the language on screen */
  locale: UiLocale;
  /** the header's switch: shows it now, remembers it here and, signed in, on the server */
  choose(locale: Locale): void;
}

const LocaleContext = createContext<LocaleState | null>(null);

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error('useLocale outside I18nProvider');
  return state;
}

/**
 * The dashboard's language: a `?lang=` of this tab, else the signed-in user's choice
 * (users.locale, from /api/auth/me, so it follows them to every browser), else the
 * last choice in this browser, else the best match of navigator.languages (what the
 * browser's Accept-Language says), else English. Sets `<html lang>`, the Intl locale of
 * web/src/lib/format.ts, and react-intl's messages; the page below re-mounts on a
 * change, so every formatted figure follows.
 */
export function I18nProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery(meQuery());
  const [override, setOverride] = useState<UiLocale | null>(tabOverride);
  const [choice, setChoice] = useState<Locale | null>(() => {
    const kept = read(() => localStorage, CHOICE_KEY);
    return kept && isLocale(kept) ? kept : null;
  });
  const userLocale = me.data?.user.locale ?? null;
  const wanted: UiLocale = override ?? userLocale ?? choice ?? pickLocale(browserLanguages());

  const [loaded, setLoaded] = useState<{ locale: UiLocale; messages: Messages } | null>(
    wanted === 'en' ? { locale: 'en', messages: english } : null,
  );
  useEffect(() => {
    if (loaded?.locale === wanted) return;
    let live = true;
    loadMessages(wanted).then((messages) => {
      if (live) setLoaded({ locale: wanted, messages });
    });
    return () => {
      live = false;
    };
  }, [wanted, loaded?.locale]);

  const shown = loaded?.locale ?? null;
  useEffect(() => {
    if (shown) document.documentElement.lang = shown;
  }, [shown]);

  /** Stores the language on the signed-in user (and in the cached session answer). */
  const save = useCallback(
    (next: Locale) => {
      const session = queryClient.getQueryData(meQuery().queryKey);
      if (!session?.csrfToken) return; // signed out, or an API token: nothing to remember
      const updated: SessionAnswer = { ...session, user: { ...session.user, locale: next } };
      queryClient.setQueryData(meQuery().queryKey, updated);
      json(api.account.locale.$patch({ json: { locale: next } })).catch((err: unknown) => {
        // the screen keeps the new language; only the other browsers miss it
        console.warn('The language could not be saved to your account', err);
      });
    },
    [queryClient],
  );

  const choose = useCallback(
    (next: Locale) => {
      write(() => localStorage, CHOICE_KEY, next);
      write(() => sessionStorage, TAB_KEY, null);
      setOverride(null);
      setChoice(next);
      save(next);
    },
    [save],
  );

  // A language chosen on the sign-in page, by someone who has none stored yet, becomes
  // theirs on signing in (the PDFs and their other browsers then speak it too).
  const unsaved = me.data?.csrfToken && me.data.user.locale === null ? choice : null;
  useEffect(() => {
    if (unsaved) save(unsaved);
  }, [unsaved, save]);

  const value = useMemo(() => (shown ? { locale: shown, choose } : null), [shown, choose]);
  if (!loaded || !value) return null;
  const tag = intlLocale(loaded.locale, browserLanguages());
  // before the children render, so every formatter of this render speaks the language
  setFormatLocale(tag);
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider
        locale={tag}
        defaultLocale="en"
        messages={
          allTrees(loaded.messages)
            ? loaded.messages
            : allStrings(loaded.messages)
              ? loaded.messages
              : {}
        }
        defaultRichTextElements={{ b: (chunks) => <strong>{chunks}</strong> }}
      >
        <Fragment key={loaded.locale}>{children}</Fragment>
      </IntlProvider>
    </LocaleContext.Provider>
  );
}
