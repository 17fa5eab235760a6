import { describe, expect, it } from 'vitest';
import { companyName, emailLocalPart, personName, surveyComment, transliterate } from './names';
import { Rng } from './random';

describe('demo names', () => {
  it('romanises Ukrainian, Russian, Bulgarian and Latvian names for e-mail addresses', () => {
    const local = (first: string, last: string, language: 'uk' | 'ru' | 'bg' | 'lv') =>
      emailLocalPart({ first, last, full: `${first} ${last}`, language });
    expect(local('Олена', 'Коваленко', 'uk')).toBe('olena.kovalenko');
    expect(local('Юлія', 'Гнатюк', 'uk')).toBe('yuliia.hnatiuk');
    expect(local('Наталья', 'Смирнова', 'ru')).toBe('natalia.smirnova');
    expect(local('Георги', 'Иванов', 'bg')).toBe('georgi.ivanov');
    expect(local('Христо', 'Щерев', 'bg')).toBe('hristo.shterev');
    expect(local('Līga', 'Ozoliņa', 'lv')).toBe('liga.ozolina');
    expect(local('Ģirts', 'Kļaviņš', 'lv')).toBe('girts.klavins');
    expect(transliterate('Їжак', 'uk')).toBe('yizhak');
  });

  it('gives women the feminine surname form', () => {
    const r = new Rng(5);
    for (let i = 0; i < 200; i++) {
      const p = personName(r, 'lv');
      if (/(ņa|ne|a|e)$/.test(p.last)) continue;
      // a masculine Latvian surname (…š, …s) goes with a masculine first name
      expect([
        'Līga',
        'Ilze',
        'Inese',
        'Dace',
        'Kristīne',
        'Anete',
        'Zane',
        'Laura',
        'Baiba',
        'Ieva',
        'Agnese',
        'Māra',
      ]).not.toContain(p.first);
    }
  });

  it('names companies in the local legal forms and comments in the local languages', () => {
    const r = new Rng(11);
    const ua = Array.from({ length: 50 }, () => companyName(r, 'UA', false)).join('\n');
    const lv = Array.from({ length: 50 }, () => companyName(r, 'LV', true)).join('\n');
    const bg = Array.from({ length: 50 }, () => companyName(r, 'BG', false)).join('\n');
    expect(ua).toMatch(/^ТОВ "/m);
    expect(ua).toMatch(/^ФОП /m);
    expect(lv).toMatch(/^(SIA|AS) "/m);
    expect(bg).toMatch(/" ЕООД$/m);
    const comments = Array.from({ length: 100 }, () => surveyComment(r, 'LV', 'negative'));
    expect(comments.some((c) => /[āēīūšņļ]/.test(c))).toBe(true);
  });
});
