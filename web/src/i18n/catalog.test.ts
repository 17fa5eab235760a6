import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { LOCALES } from './locales';
import { pseudoMessage } from './pseudo';

// Both catalog folders: the dashboard's (web/src/i18n/messages) and the PDFs' (api/src/i18n/messages).
const webSrc = fileURLToPath(new URL('..', import.meta.url));
const webMessages = fileURLToPath(new URL('./messages', import.meta.url));
const apiMessages = fileURLToPath(new URL('../../../api/src/i18n/messages', import.meta.url));

type Catalog = Record<string, string>;
const readCatalog = (dir: string, locale: string): Catalog =>
  JSON.parse(readFileSync(join(dir, `${locale}.json`), 'utf8'));

/**
 * What a message needs from its caller, as "name:kind" (argument, number — plain or
 * plural —, date, select, tag): two languages of one key must ask for exactly the same.
 */
function placeholders(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    switch (el.type) {
      case TYPE.argument:
        into.add(`${el.value}:argument`);
        break;
      // a number and a plural both take a number: a language may pluralise a word
      // that English writes after {n, number} (Russian and Ukrainian have three forms)
      case TYPE.number:
        into.add(`${el.value}:number`);
        break;
      case TYPE.date:
      case TYPE.time:
        into.add(`${el.value}:date`);
        break;
      case TYPE.plural:
        into.add(`${el.value}:number`);
        for (const o of Object.values(el.options)) placeholders(o.value, into);
        break;
      case TYPE.select:
        into.add(`${el.value}:select`);
        for (const o of Object.values(el.options)) placeholders(o.value, into);
        break;
      case TYPE.tag:
        into.add(`${el.value}:tag`);
        placeholders(el.children, into);
        break;
      default:
        break;
    }
  }
  return into;
}

/** Plural arguments whose options are not exactly the language's CLDR categories. */
function pluralProblems(elements: MessageFormatElement[], locale: string): string[] {
  const categories = new Set(new Intl.PluralRules(locale).resolvedOptions().pluralCategories);
  const problems: string[] = [];
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.plural) {
        const keys = Object.keys(el.options).filter((k) => !k.startsWith('='));
        for (const c of categories) {
          if (!keys.includes(c)) problems.push(`{${el.value}} lacks "${c}"`);
        }
        for (const k of keys) {
          if (!categories.has(k as Intl.LDMLPluralRule)) problems.push(`{${el.value}} has "${k}"`);
        }
        for (const o of Object.values(el.options)) walk(o.value);
      } else if (el.type === TYPE.select) {
        for (const o of Object.values(el.options)) walk(o.value);
      } else if (el.type === TYPE.tag) walk(el.children);
    }
  };
  walk(elements);
  return problems;
}

const sorted = (s: Set<string>) => [...s].sort();

function checkCatalogs(dir: string) {
  const en = readCatalog(dir, 'en');
  for (const locale of LOCALES) {
    it(`${locale}: every key of English and no other, each a valid ICU message`, () => {
      const own = readCatalog(dir, locale);
      const missing = Object.keys(en).filter((k) => !(k in own) || own[k] === '');
      const extra = Object.keys(own).filter((k) => !(k in en));
      expect(missing, `missing in ${locale}.json`).toEqual([]);
      expect(extra, `in ${locale}.json but not in English`).toEqual([]);
      for (const [key, message] of Object.entries(own)) {
        expect(() => parse(message), `${locale} ${key}`).not.toThrow();
      }
    });

    it(`${locale}: the same placeholders as English, plurals in ${locale}'s categories`, () => {
      const own = readCatalog(dir, locale);
      for (const [key, message] of Object.entries(en)) {
        const theirs = own[key];
        if (theirs === undefined) continue;
        expect(sorted(placeholders(parse(theirs))), `${locale} ${key}`).toEqual(
          sorted(placeholders(parse(message))),
        );
        expect(pluralProblems(parse(theirs), locale), `${locale} ${key}`).toEqual([]);
      }
    });
  }
}

describe('the dashboard catalogs (web/src/i18n/messages)', () => {
  checkCatalogs(webMessages);

  it('has no file for a language the list does not name', () => {
    const files = readdirSync(webMessages).map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual([...LOCALES].sort());
  });
});

describe('the PDF catalogs (api/src/i18n/messages)', () => {
  checkCatalogs(apiMessages);
});

// Every file of the dashboard but the catalogs and the tests.
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === webMessages ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('message ids in the dashboard source', () => {
  const en = readCatalog(webMessages, 'en');
  const files = sources(webSrc).map((path) => ({
    path: relative(webSrc, path),
    text: readFileSync(path, 'utf8'),
  }));
  // ids are written as whole string literals: t('nav.overview'), <Msg id="account.title" />,
  // or a table of them ({ forbidden: 'error.forbidden' })
  const literals = new Set(
    files.flatMap((f) =>
      [...f.text.matchAll(/['"`]([a-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+)['"`]/g)].map((m) => m[1]!),
    ),
  );

  it('uses every key of the catalog (an unused key is dead text to translate)', () => {
    const unused = Object.keys(en).filter((k) => !literals.has(k));
    expect(unused).toEqual([]);
  });

  it('asks only for keys the catalog has', () => {
    const asked = files.flatMap((f) =>
      [
        ...f.text.matchAll(/\bt\(\s*['"`]([^'"`]+)['"`]/g),
        ...f.text.matchAll(/<Msg\s+id=["']([^"']+)["']/g),
      ].map((m) => `${f.path}: ${m[1]}`),
    );
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((a) => !(a.split(': ')[1]! in en))).toEqual([]);
  });
});

describe('plurals as each language says them', () => {
  const say = (locale: string, id: string, values: Record<string, number>) =>
    createIntl({ locale, messages: readCatalog(webMessages, locale) }).formatMessage(
      { id },
      values,
    );

  it('Ukrainian: 1 відповідь, 2 відповіді, 5 відповідей, 21 відповідь', () => {
    expect([1, 2, 5, 21].map((answers) => say('uk', 'signals.answers', { answers }))).toEqual([
      '1 відповідь',
      '2 відповіді',
      '5 відповідей',
      '21 відповідь',
    ]);
  });

  it('Russian: 1 ответ, 3 ответа, 11 ответов; Bulgarian: 1 отговор, 2 отговора', () => {
    expect([1, 3, 11].map((answers) => say('ru', 'signals.answers', { answers }))).toEqual([
      '1 ответ',
      '3 ответа',
      '11 ответов',
    ]);
    expect([1, 2].map((answers) => say('bg', 'signals.answers', { answers }))).toEqual([
      '1 отговор',
      '2 отговора',
    ]);
  });

  it('Latvian: 1 atbilde, 2 atbildes, 21 atbilde, 11 atbildes', () => {
    expect([1, 2, 21, 11].map((answers) => say('lv', 'signals.answers', { answers }))).toEqual([
      '1 atbilde',
      '2 atbildes',
      '21 atbilde',
      '11 atbildes',
    ]);
  });
});

describe('the pseudo-locale', () => {
  const en = readCatalog(webMessages, 'en');
  const letters = (elements: MessageFormatElement[]): string =>
    elements
      .map((el) =>
        el.type === TYPE.literal
          ? el.value
          : el.type === TYPE.tag
            ? letters(el.children)
            : el.type === TYPE.plural || el.type === TYPE.select
              ? Object.values(el.options)
                  .map((o) => letters(o.value))
                  .join('')
              : '',
      )
      .join('');

  it('keeps every placeholder, leaves no plain ASCII letter and runs ~40 % longer', () => {
    for (const [key, message] of Object.entries(en)) {
      const pseudo = parse(pseudoMessage(message));
      expect(sorted(placeholders(pseudo)), key).toEqual(sorted(placeholders(parse(message))));
      expect(letters(pseudo), key).not.toMatch(/[A-Za-z]/);
      const englishText = letters(parse(message)).length;
      expect(letters(pseudo).length, key).toBeGreaterThanOrEqual(Math.floor(englishText * 1.4));
    }
  });
});
