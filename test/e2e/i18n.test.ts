import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, PASSWORD, startE2E, USERS } from './harness';

// The first visit asks /api/auth/me, which answers 401: Chromium logs that request.
const EXPECTED_401 = /status of 401/;

/** A fresh context whose browser speaks `locale` (navigator.languages and Accept-Language). */
async function browserIn(browser: Browser, url: string, locale: string, width = 1280) {
  const context = await browser.newContext({
    baseURL: url,
    locale,
    timezoneId: 'UTC',
    viewport: { width, height: 900 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !EXPECTED_401.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

async function signInWithForm(page: Page, email: string, submit: string) {
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.getByRole('button', { name: submit }).click();
}

const htmlLang = (page: Page) => page.evaluate<string>('document.documentElement.lang');
const navTexts = (page: Page) =>
  page.locator('header nav a').evaluateAll((els) => els.map((e) => e.textContent?.trim()));
const overflow = (page: Page) =>
  page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );

describe('the dashboard in its users’ languages (golden set, Chromium)', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it('a browser that says lv: sign-in, header, nav, account in Latvian, with Latvian formats', async () => {
    const { context, page, errors } = await browserIn(e2e.browser, e2e.url, 'lv-LV');
    await page.goto('/login', { waitUntil: 'networkidle' });
    expect(await htmlLang(page)).toBe('lv');
    await page.getByLabel('E-pasts').waitFor();
    await page.getByLabel('Parole').fill('wrong-password');
    await page.getByLabel('E-pasts').fill(USERS.hr.email);
    await page.getByRole('button', { name: 'Pieteikties' }).click();
    await page.getByRole('alert').filter({ hasText: 'Nepareizs e-pasts vai parole.' }).waitFor();
    await signInWithForm(page, USERS.hr.email, 'Pieteikties');
    await page.waitForURL((u) => u.pathname === '/hr');

    expect(await navTexts(page)).toEqual(['Prēmijas un personāls', 'Signāli']);
    await page.getByRole('button', { name: 'Iziet' }).waitFor();
    expect(await page.getByTestId('language-select').inputValue()).toBe('lv');

    await page.goto('/hr?period=2026-Q1', { waitUntil: 'networkidle' });
    // the quarter in Latvian words, never "Q1"; money as a Latvian reads it: 4313,36 €,
    // 17 242,07 € (CLDR groups Latvian thousands from five digits on)
    const periodOptions = await page
      .getByTestId('period-select')
      .locator('option')
      .allTextContents();
    expect(periodOptions).toContain('2026. g. 1. ceturksnis');
    expect(periodOptions.join(' ')).not.toMatch(/Q\d/);
    await page.getByRole('table').first().waitFor();
    const euros = (await page.locator('main td').allTextContents()).filter((c) => c.includes('€'));
    expect(euros.length).toBeGreaterThan(0);
    for (const cell of euros) expect(cell).toMatch(/^-?\d+(\s\d{3})*,\d{2}\s€$/u);
    // the CSV choice defaults to the Latvian spreadsheet's ; and decimal comma
    expect(await page.getByTestId('csv-format').inputValue()).toBe('semicolon');
    expect(await page.getByTestId('csv-download').getAttribute('href')).toContain(
      'delimiter=semicolon&decimal=comma',
    );

    await page.goto('/account', { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: 'Jūsu konts' }).waitFor();
    await page.getByRole('heading', { name: 'Paroles maiņa' }).waitFor();
    await page.getByLabel('Pašreizējā parole').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switching to Ukrainian in one browser shows Ukrainian after signing in from another', async () => {
    const first = await browserIn(e2e.browser, e2e.url, 'lv-LV');
    await first.page.goto('/login', { waitUntil: 'networkidle' });
    await signInWithForm(first.page, USERS.executive.email, 'Pieteikties');
    await first.page.waitForURL((u) => u.pathname === '/overview');
    const saved = first.page.waitForResponse(
      (r) => r.url().endsWith('/api/account/locale') && r.request().method() === 'PATCH',
    );
    await first.page.getByTestId('language-select').selectOption('uk');
    expect((await saved).status()).toBe(200);
    await first.page.getByRole('button', { name: 'Вийти' }).waitFor();
    expect(await htmlLang(first.page)).toBe('uk');
    expect(await navTexts(first.page)).toEqual(['Огляд', 'Премії та HR']);
    expect(first.errors).toEqual([]);
    await first.context.close();

    // a second browser, also Latvian, knows nothing yet: Latvian until the user is known
    const second = await browserIn(e2e.browser, e2e.url, 'lv-LV');
    await second.page.goto('/login', { waitUntil: 'networkidle' });
    await second.page.getByRole('button', { name: 'Pieteikties' }).waitFor();
    await signInWithForm(second.page, USERS.executive.email, 'Pieteikties');
    await second.page.waitForURL((u) => u.pathname === '/overview');
    await second.page.getByRole('button', { name: 'Вийти' }).waitFor();
    expect(await htmlLang(second.page)).toBe('uk');
    expect(await navTexts(second.page)).toEqual(['Огляд', 'Премії та HR']);
    await second.page.goto('/overview?period=2026-Q1', { waitUntil: 'networkidle' });
    const options = await second.page
      .getByTestId('period-select')
      .locator('option')
      .allTextContents();
    expect(options).toContain('I кв. 2026 р.');
    expect(second.errors).toEqual([]);
    await second.context.close();
  });

  it('a language chosen on the sign-in page becomes the user’s own when they have none, PDFs too', async () => {
    const { context, page, errors } = await browserIn(e2e.browser, e2e.url, 'bg-BG');
    await page.goto('/login', { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Вход' }).waitFor();
    await page.getByTestId('language-select').selectOption('ru');
    await page.getByRole('button', { name: 'Войти' }).waitFor();
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/account/locale') && r.request().method() === 'PATCH',
    );
    await signInWithForm(page, USERS.agent.email, 'Войти');
    await page.waitForURL((u) => u.pathname === '/scorecard');
    expect((await saved).status()).toBe(200);
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
    const me = (await (await page.request.get('/api/auth/me')).json()) as {
      user: { locale: string | null };
    };
    expect(me.user.locale).toBe('ru');
    const pdf = await page.request.get('/api/bonus/statement.pdf?period=2026-Q1');
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-language']).toBe('ru');
    expect(errors).toEqual([]);
    await context.close();
  });
});

/**
 * Text of the converted parts that did not come from the catalog: every text node and
 * every aria-label, title and optgroup label under `roots`, outside [translate=no]
 * (names, e-mails, ids), that still has two plain ASCII letters in a row once the
 * English month names and AM/PM (Intl's, the pseudo-locale formats as English) are
 * taken out. In the pseudo-locale every catalog letter is accented.
 */
function plainText(page: Page, roots: string[]): Promise<string[]> {
  // plain JavaScript run in the page (this project's type checking has no DOM types)
  return page.evaluate<string[]>(`((roots, intlWords) => {
    const allowed = new RegExp('\\\\b(' + intlWords.join('|') + ')\\\\b', 'g');
    const bad = [];
    const check = (text, where) => {
      const rest = (text || '').replace(allowed, '');
      if (/[A-Za-z]{2,}/.test(rest)) bad.push(where + ': ' + (text || '').trim());
    };
    // not converted yet (landed on main after wave 2 started): the closed loop's case
    // list (.my-cases, pages/cases) and the statement's disputes and sign-off
    // (pages/scorecard/StatementDisputes.tsx); the audit log's field-by-field changes of
    // an import (file names and counts, lib/audit.ts: not yet worded); the admin's survey
    // tool connections (pages/admin/WebhookSources.tsx)
    const skipped = (el) =>
      el !== null &&
      el.closest(
        '[translate="no"], .my-cases, [data-testid="statement-disputes"], [data-testid="audit-diff"], .webhook-sources',
      ) !== null;
    for (const selector of roots) {
      const found = document.querySelectorAll(selector);
      if (found.length === 0) bad.push(selector + ': not on the page');
      for (const root of found) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!skipped(n.parentElement)) check(n.textContent, selector);
        }
        for (const el of [root, ...root.querySelectorAll('*')]) {
          if (skipped(el)) continue;
          for (const attr of ['aria-label', 'title', 'placeholder']) {
            if (el.hasAttribute(attr)) check(el.getAttribute(attr), selector + ' [' + attr + ']');
          }
          if (el.tagName === 'OPTGROUP') check(el.getAttribute('label'), selector + ' optgroup');
        }
      }
    }
    return bad;
  })(${JSON.stringify(roots)}, ${JSON.stringify(INTL_WORDS)})`);
}

const INTL_WORDS = [
  ...Array.from({ length: 12 }, (_, m) => {
    const d = new Date(Date.UTC(2026, m, 1));
    return [
      new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' }).format(d),
      new Intl.DateTimeFormat('en', { month: 'short', timeZone: 'UTC' }).format(d),
    ];
  }).flat(),
  'AM',
  'PM',
  'UTC',
  // currency codes Intl writes where a currency has no symbol in the locale ("BGN 1,234.00")
  'EUR',
  'UAH',
  'BGN',
  // the hour unit Intl writes after a median time ("2.0 hr"): Intl's word, as the months
  ...new Intl.NumberFormat('en', { style: 'unit', unit: 'hour', unitDisplay: 'short' })
    .formatToParts(2)
    .filter((p) => p.type === 'unit')
    .map((p) => p.value),
];

describe('the pseudo-locale over the converted parts (demo company, Chromium)', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E('pglite', { data: { demoAsOf: '2026-11-22' } });
  });
  afterAll(() => e2e?.close());

  it('the sign-in page and, per role, header, pickers, overview, drill-down, segments, scorecard, account and signals are all catalog text', async () => {
    for (const width of [1280, 390]) {
      const visitor = await e2e.open(null, { width });
      await visitor.goto('/login?lang=en-XA');
      await visitor.page.locator('form.login-form button[type=submit]').waitFor();
      expect(await htmlLang(visitor.page)).toBe('en-XA');
      expect(await plainText(visitor.page, ['form.login-form'])).toEqual([]);
      expect(await overflow(visitor.page)).toBeLessThanOrEqual(0);
      await visitor.context.close();

      // role, page, the converted roots, and what shows once the page's data is in
      const pages: [import('@delight/db').Role, string, string[], string?][] = [
        [
          'executive',
          '/overview?period=2026-Q4',
          ['header.topbar', '.period-picker', '.scope-picker', '.page.overview'],
        ],
        [
          'executive',
          '/drilldown?period=2026-Q4&scope=company',
          ['header.topbar', '.page.drilldown'],
        ],
        [
          'segment_manager',
          '/segments?period=2026-Q4',
          ['header.topbar', '.period-picker', '.page.segments'],
        ],
        ['agent', '/scorecard?period=2026-Q4', ['header.topbar', '.page.scorecard']],
        ['hr', '/signals?period=2026-Q4', ['header.topbar', '.page.signals']],
        ['agent', '/account', ['header.topbar', 'main section']],
        ['admin', '/admin', ['.page.admin'], '[data-testid=assumptions-in-force]'],
        ['hr', '/hr?period=2026-Q4', ['.page.hr'], '[data-testid=audit]'],
      ];
      // what shows that a page of wave 2 has its data (not only its loading state)
      const ready: Record<string, string> = {
        '/overview': 'nps-scatter',
        '/drilldown': 'customers',
        '/segments': 'team',
        '/scorecard': 'statement',
      };
      for (const [role, path, roots, readySelector] of pages) {
        const s = await e2e.open(role, { width });
        await s.goto(`${path}${path.includes('?') ? '&' : '?'}lang=en-XA`);
        const readyId = ready[path.split('?')[0]!];
        if (path.startsWith('/signals')) await s.page.getByTestId('signals').waitFor();
        else if (readySelector) await s.page.locator(readySelector).first().waitFor();
        else if (readyId) await s.page.getByTestId(readyId).waitFor();
        else await s.page.locator(roots.at(-1)!).first().waitFor();
        if (path.startsWith('/overview')) {
          // a money card's explanation: its formula, inputs and assumptions in words
          await s.page.locator('.money-card .link-button').first().click();
          await s.page.locator('.money-card .explanation').first().waitFor();
        }
        await s.screenshot(`i18n-pseudo-${role}`);
        expect(await htmlLang(s.page)).toBe('en-XA');
        expect(await plainText(s.page, roots), `${role} ${path} at ${width}`).toEqual([]);
        expect(await overflow(s.page), `${role} ${path} at ${width}`).toBeLessThanOrEqual(0);
        expect(s.errors.filter((e) => !EXPECTED_401.test(e))).toEqual([]);
        await s.context.close();
      }
    }
  });
});
