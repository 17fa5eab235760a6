/**
 * Multilingual names for the generated company: Ukrainian and Bulgarian in Cyrillic,
 * Latvian with its diacritics, and company names that need CSV quoting (commas, quotes).
 */
import type { RowRng } from './rng';

export type Country = 'LV' | 'UA' | 'BG';
/** Segment g lives in COUNTRIES[g % 3]. */
export const COUNTRIES: readonly Country[] = ['LV', 'UA', 'BG'];
export const CURRENCY: Record<Country, string> = { LV: 'EUR', UA: 'UAH', BG: 'BGN' };
/** Local currency units per EUR, for amounts that should look alike across segments. */
export const PER_EUR: Record<Country, number> = { LV: 1, UA: 45, BG: 1.95583 };

const FIRST: Record<Country, readonly string[]> = {
  LV: ['Jānis', 'Līga', 'Pēteris', 'Ilze', 'Andris', 'Zane', 'Mārtiņš', 'Dace', 'Kārlis', 'Inese'],
  UA: [
    'Олена',
    'Тарас',
    'Оксана',
    'Андрій',
    'Ірина',
    'Богдан',
    'Наталія',
    'Юрій',
    'Галина',
    'Сергій',
  ],
  BG: [
    'Иван',
    'Мария',
    'Георги',
    'Елена',
    'Димитър',
    'Йорданка',
    'Стоян',
    'Цветелина',
    'Петър',
    'Радка',
  ],
};
const LAST: Record<Country, readonly string[]> = {
  LV: ['Bērziņš', 'Kalniņa', 'Ozols', 'Liepiņa', 'Krūmiņš', 'Zariņa', 'Vītols', 'Pētersone'],
  UA: [
    'Шевченко',
    'Коваленко',
    'Бондаренко',
    'Ткаченко',
    'Кравчук',
    'Мельник',
    'Олійник',
    'Лисенко',
  ],
  BG: ['Иванов', 'Петрова', 'Георгиев', 'Димитрова', 'Стоянов', 'Николова', 'Тодоров', 'Ангелова'],
};
const COMPANY_WORDS: Record<Country, readonly string[]> = {
  LV: ['Dzintars', 'Saule', 'Rīgas Piens', 'Daugava', 'Gauja', 'Zvaigzne', 'Māra', 'Ozoli'],
  UA: ['Зоря', 'Карпати', 'Дніпро', 'Світанок', 'Полісся', 'Колос', 'Ятрань', 'Либідь'],
  BG: ['Родина', 'Балкан', 'Витоша', 'Тракия', 'Пирин', 'Марица', 'Дунав', 'Зора'],
};
const COMPANY_FORMS: Record<Country, readonly string[]> = {
  LV: ['SIA', 'AS', 'IK'],
  UA: ['ТОВ', 'ПП', 'ФОП'],
  BG: ['ЕООД', 'ООД', 'АД'],
};

export function personName(rng: RowRng, country: Country): string {
  return `${rng.pick(FIRST[country])} ${rng.pick(LAST[country])}`;
}

/** `ТОВ "Зоря" 1234`, sometimes `"Kalniņa, Līga"` (a sole trader, with a comma). */
export function companyName(rng: RowRng, country: Country, index: number): string {
  if (rng.chance(0.15)) return `${rng.pick(LAST[country])}, ${rng.pick(FIRST[country])} ${index}`;
  return `${rng.pick(COMPANY_FORMS[country])} "${rng.pick(COMPANY_WORDS[country])}" ${index}`;
}

const COMMENTS: readonly string[] = [
  'Дякуємо, все швидко',
  'Ļoti apmierināts, paldies!',
  'Много добро обслужване',
  'Waited too long, again',
  'The agent was "helpful", finally',
  'Nekas nestrādāja.\nZvanīju divreiz',
  'Ніхто не передзвонив',
  'Бързо и любезно',
  'ok',
];

export function surveyComment(rng: RowRng): string {
  return rng.pick(COMMENTS);
}
