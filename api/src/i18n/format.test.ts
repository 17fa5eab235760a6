import { Hono } from 'hono';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { catalogFor, readCatalogFile, withFallback } from './catalog';
import { formatterFor } from './format';
import { DEFAULT_LOCALE, LOCALES } from './locales';
import en from './messages/en.json';
import { detectLocale, localeOf } from './request';

describe('message catalogs', () => {
  it('every supported language has a flat catalog file that loads', () => {
    expect(LOCALES).toContain(DEFAULT_LOCALE);
    for (const locale of LOCALES) {
      const own = readCatalogFile(locale);
      expect(Object.keys(own).length).toBeGreaterThan(0);
      expect(Object.keys(catalogFor(locale)).sort()).toEqual(Object.keys(en).sort());
    }
  });

  it('every English message is valid ICU MessageFormat', () => {
    for (const [key, message] of Object.entries(en)) {
      expect(() => new IntlMessageFormat(message, 'en'), key).not.toThrow();
    }
  });

  it('a translation missing a key (or leaving it empty) reads that key in English', () => {
    const partial = withFallback({ 'board.title': 'Valdes pārskats', 'kpi.csat': '', extra: 'x' });
    expect(partial['board.title']).toBe('Valdes pārskats');
    expect(partial['kpi.csat']).toBe(en['kpi.csat']);
    expect(partial['kpi.nps']).toBe(en['kpi.nps']);
    expect('extra' in partial).toBe(false);
  });
});

describe('formatters of the other languages', () => {
  it('say quarters, months, money and plurals as their readers do', () => {
    const ru = formatterFor('ru');
    expect(ru.period('2026-Q1')).toBe('I кв. 2026 г.');
    expect(ru.money('1234.5', 'EUR').replace(/\s/gu, ' ')).toBe('1 234,50 €');
    expect(ru.t('statement.prorationDays', { days: 45, periodDays: 90 })).toBe('45 из 90 дней');
    const uk = formatterFor('uk');
    expect(uk.t('board.segments.hidden', { shown: 5, hidden: 2 })).toContain('2 сегменти');
    expect(uk.t('board.segments.hidden', { shown: 5, hidden: 5 })).toContain('5 сегментів');
    const lv = formatterFor('lv');
    expect(lv.period('2026-09')).toBe('2026. g. septembris');
    expect(lv.t('report.footer.page', { page: 1, pages: 2 })).toBe('1. lapa no 2');
    const bg = formatterFor('bg');
    expect(bg.period('2026-Q4')).toBe('IV тримесечие 2026 г.');
    expect(bg.t('statement.prorationDays', { days: 1, periodDays: 1 })).toBe('1 от 1 ден');
  });
});

describe('formatter (en)', () => {
  const f = formatterFor('en');

  it('rounds half-even, from the decimal the value prints as', () => {
    expect(f.number(0.125, 2)).toBe('0.12');
    expect(f.number(0.135, 2)).toBe('0.14');
    expect(f.number(-5.084745762711864, 1)).toBe('-5.1');
    expect(f.number(1234.5, 1)).toBe('1,234.5');
    expect(f.decimal(0.16875, 4)).toBe('0.1688');
    expect(f.decimal(0.04375, 4)).toBe('0.0438');
    expect(f.decimal(1, 4)).toBe('1');
    // 12.25 % is an exact tie in percent units; dividing by 100 as a float would not be
    expect(f.percent(12.25, 1)).toBe('12.2%');
    expect(f.percent(30.76923076923077, 1)).toBe('30.8%');
    expect(f.share(0.5, 1)).toBe('50.0%');
    expect(f.shareUpTo('0.015', 2)).toBe('1.5%');
  });

  it('formats money from its decimal string, in its currency', () => {
    expect(f.money('156446.20', 'EUR')).toBe('€156,446.20');
    expect(f.money('243955.45', 'UAH').replace(/\s/gu, ' ')).toBe('UAH 243,955.45');
    expect(f.money('12345678901234567.89', 'EUR')).toBe('€12,345,678,901,234,567.89');
    expect(f.money(null, 'EUR')).toBe('—');
  });

  it('signs a change unless it rounds to zero', () => {
    expect(f.change(1.25, 1)).toBe('+1.2');
    expect(f.change(-20.5, 1)).toBe('-20.5');
    expect(f.change(-0.04, 1)).toBe('0.0');
    expect(f.change(null, 1)).toBe('—');
  });

  it('says periods, dates and instants as people do (instants in UTC, saying so)', () => {
    expect(f.period('2026-Q1')).toBe('Q1 2026');
    expect(f.period('2026-03')).toBe('March 2026');
    expect(f.period('2026')).toBe('2026');
    expect(f.monthShort('2025-04')).toBe('Apr 25');
    expect(f.date('2026-03-31')).toBe('Mar 31, 2026');
    expect(f.dateRange('2026-01-01', '2026-03-31').replace(/\s/gu, ' ')).toBe(
      'Jan 1 – Mar 31, 2026',
    );
    expect(f.dateTime('2026-04-02T09:15:00Z').replace(/\s/gu, ' ')).toBe(
      'Apr 2, 2026, 9:15 AM UTC',
    );
  });

  it('fills ICU placeholders and plurals', () => {
    expect(f.t('kpi.sample', { n: 1234 })).toBe('n = 1,234');
    expect(f.t('report.footer.page', { page: 1, pages: 2 })).toBe('Page 1 of 2');
    const counts = { promoters: 1, passives: 0, detractors: 0, unknown: 0, recovered: 1 };
    expect(f.t('board.money.counts', { ...counts, active: 1, churned: 2, actions: 1 })).toContain(
      '1 active customer (',
    );
    expect(f.t('board.money.counts', { ...counts, active: 3, churned: 1, actions: 2 })).toContain(
      '3 active customers (',
    );
  });
});

describe('the caller’s language', () => {
  const app = new Hono().get('/', detectLocale, (c) => c.text(localeOf(c)));
  const pick = async (query: string, acceptLanguage?: string) =>
    (
      await app.request(`/${query}`, {
        headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {},
      })
    ).text();

  it('is ?lang, else Accept-Language, else English; nothing unsupported gets through', async () => {
    expect(await pick('?lang=en', 'lv')).toBe('en');
    expect(await pick('?lang=uk', 'lv')).toBe('uk');
    expect(await pick('?lang=xx')).toBe('en');
    expect(await pick('', 'lv-LV,lv;q=0.9,en;q=0.1')).toBe('lv');
    expect(await pick('', 'de-DE,bg;q=0.8')).toBe('bg');
    expect(await pick('', 'ru')).toBe('ru');
    expect(await pick('', 'de')).toBe('en');
    expect(await pick('')).toBe('en');
  });
});
