// Build step of the dashboard's catalogs (web/vite.config.ts): each messages/*.json is
// parsed to its ICU syntax tree at build time, and the app bundles FormatJS's runtime
// without the message parser (`no-parser`), as FormatJS recommends. Node-side only.
import { createRequire } from 'node:module';
import { parse } from '@formatjs/icu-messageformat-parser';
import type { Plugin } from 'vite';

const CATALOG = /[\\/]src[\\/]i18n[\\/]messages[\\/][a-z]{2}\.json$/;
const PARSER = '@formatjs/icu-messageformat-parser';
const require = createRequire(import.meta.url);

export function precompiledMessages(): Plugin {
  return {
    name: 'delight:precompiled-messages',
    enforce: 'pre',
    // the pseudo-locale (a test aid, its own lazy chunk) builds its trees in the browser
    // from English, so it alone keeps the parser; every other importer gets no-parser
    async resolveId(source, importer) {
      if (source !== PARSER || importer?.endsWith('/i18n/pseudo.ts')) return null;
      return require.resolve(`${PARSER}/no-parser.js`);
    },
    transform(code, id) {
      if (!CATALOG.test(id)) return null;
      const messages = JSON.parse(code) as Record<string, string>;
      const trees = Object.fromEntries(Object.entries(messages).map(([k, m]) => [k, parse(m)]));
      // still JSON: Vite's own JSON step makes it a module
      return { code: JSON.stringify(trees), map: null };
    },
  };
}
