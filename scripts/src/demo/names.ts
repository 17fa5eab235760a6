/**
 * Name pools for the demo company: people, companies and survey comments in the
 * languages of its three markets. Kept as data so the generator stays readable.
 */
import type { Rng } from './random';

export type Country = 'UA' | 'LV' | 'BG';
export type Gender = 'f' | 'm';
export type Sentiment = 'positive' | 'neutral' | 'negative';

interface PeoplePool {
  first: Record<Gender, readonly string[]>;
  /** [masculine, feminine] surname forms; equal when the surname does not inflect */
  last: readonly (readonly [string, string])[];
}

const same = (s: string) => [s, s] as const;

const UKRAINIAN: PeoplePool = {
  first: {
    f: [
      'Олена',
      'Наталія',
      'Оксана',
      'Ірина',
      'Тетяна',
      'Марія',
      'Юлія',
      'Анна',
      'Софія',
      'Христина',
      'Катерина',
      'Людмила',
    ],
    m: [
      'Олександр',
      'Андрій',
      'Дмитро',
      'Сергій',
      'Іван',
      'Тарас',
      'Богдан',
      'Максим',
      'Юрій',
      'Василь',
      'Остап',
      'Микола',
    ],
  },
  last: [
    same('Коваленко'),
    same('Шевченко'),
    same('Бондаренко'),
    same('Ткаченко'),
    same('Кравченко'),
    same('Мельник'),
    same('Бойко'),
    same('Поліщук'),
    same('Савчук'),
    same('Гуменюк'),
    same('Лисенко'),
    same('Павленко'),
    same('Марченко'),
    same('Мороз'),
    same('Романюк'),
    same('Олійник'),
    same('Гнатюк'),
    ['Ковальський', 'Ковальська'],
    ['Вишневський', 'Вишневська'],
    ['Грушевський', 'Грушевська'],
  ],
};

// Kyiv is bilingual: a few colleagues write their names the Russian way.
const RUSSIAN: PeoplePool = {
  first: {
    f: ['Наталья', 'Екатерина', 'Светлана', 'Ольга'],
    m: ['Алексей', 'Дмитрий', 'Сергей', 'Владимир'],
  },
  last: [
    ['Смирнов', 'Смирнова'],
    ['Волков', 'Волкова'],
    ['Соколов', 'Соколова'],
    ['Морозов', 'Морозова'],
  ],
};

const LATVIAN: PeoplePool = {
  first: {
    f: [
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
    ],
    m: [
      'Jānis',
      'Andris',
      'Pēteris',
      'Mārtiņš',
      'Kārlis',
      'Edgars',
      'Artūrs',
      'Raimonds',
      'Ģirts',
      'Roberts',
      'Valdis',
      'Krišjānis',
    ],
  },
  last: [
    ['Bērziņš', 'Bērziņa'],
    ['Kalniņš', 'Kalniņa'],
    ['Ozoliņš', 'Ozoliņa'],
    ['Jansons', 'Jansone'],
    ['Liepiņš', 'Liepiņa'],
    ['Krūmiņš', 'Krūmiņa'],
    ['Balodis', 'Balode'],
    ['Zariņš', 'Zariņa'],
    ['Pētersons', 'Pētersone'],
    ['Vītols', 'Vītola'],
    ['Kļaviņš', 'Kļaviņa'],
    ['Ozols', 'Ozola'],
    ['Eglītis', 'Eglīte'],
    ['Siliņš', 'Siliņa'],
    ['Lūsis', 'Lūse'],
  ],
};

const BULGARIAN: PeoplePool = {
  first: {
    f: [
      'Мария',
      'Елена',
      'Десислава',
      'Йорданка',
      'Радостина',
      'Гергана',
      'Теодора',
      'Виктория',
      'Ивелина',
      'Надежда',
      'Цветелина',
      'Милена',
    ],
    m: [
      'Георги',
      'Иван',
      'Димитър',
      'Николай',
      'Петър',
      'Христо',
      'Стоян',
      'Тодор',
      'Васил',
      'Александър',
      'Калоян',
      'Мартин',
    ],
  },
  last: [
    ['Иванов', 'Иванова'],
    ['Георгиев', 'Георгиева'],
    ['Димитров', 'Димитрова'],
    ['Петров', 'Петрова'],
    ['Николов', 'Николова'],
    ['Христов', 'Христова'],
    ['Стоянов', 'Стоянова'],
    ['Тодоров', 'Тодорова'],
    ['Йорданов', 'Йорданова'],
    ['Колев', 'Колева'],
    ['Ангелов', 'Ангелова'],
    ['Атанасов', 'Атанасова'],
    ['Попов', 'Попова'],
  ],
};

export type Language = 'uk' | 'ru' | 'lv' | 'bg';

const POOLS: Record<Language, PeoplePool> = {
  uk: UKRAINIAN,
  ru: RUSSIAN,
  lv: LATVIAN,
  bg: BULGARIAN,
};

export interface PersonName {
  first: string;
  last: string;
  full: string;
  language: Language;
}

export function personName(rng: Rng, language: Language): PersonName {
  const pool = POOLS[language];
  const gender: Gender = rng.chance(0.5) ? 'f' : 'm';
  const first = rng.pick(pool.first[gender]);
  const [male, female] = rng.pick(pool.last);
  const last = gender === 'f' ? female : male;
  return { first, last, full: `${first} ${last}`, language };
}

/** A person of the country, mostly in its main language (Kyiv sometimes in Russian). */
export function countryPerson(rng: Rng, country: Country): PersonName {
  if (country === 'UA') return personName(rng, rng.chance(0.15) ? 'ru' : 'uk');
  return personName(rng, country === 'LV' ? 'lv' : 'bg');
}

// Ukrainian national romanisation (2010) and the Bulgarian streamlined system, enough for e-mail local parts.
const UK_LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ie',
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ь: '',
  ю: 'iu',
  я: 'ia',
  "'": '',
  ы: 'y',
  э: 'e',
  ё: 'e',
  ъ: '',
};
const UK_WORD_START: Record<string, string> = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };
const RU_LATIN: Record<string, string> = { ...UK_LATIN, г: 'g', и: 'i', е: 'e', й: 'y' };
const BG_LATIN: Record<string, string> = {
  ...UK_LATIN,
  г: 'g',
  и: 'i',
  й: 'y',
  х: 'h',
  щ: 'sht',
  ъ: 'a',
  ь: 'y',
  ю: 'yu',
  я: 'ya',
};

export function transliterate(text: string, language: Language): string {
  const lower = text.toLowerCase();
  if (language === 'lv') return lower.normalize('NFD').replace(/\p{M}/gu, '');
  const table = language === 'bg' ? BG_LATIN : language === 'ru' ? RU_LATIN : UK_LATIN;
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i] as string;
    const wordStart = i === 0 || !/\p{L}/u.test(lower[i - 1] as string);
    if (language === 'uk' && wordStart && UK_WORD_START[ch]) out += UK_WORD_START[ch];
    else out += table[ch] ?? ch;
  }
  return out;
}

/** `first.last`, ASCII only, for an address on the demo domain. */
export function emailLocalPart(name: PersonName): string {
  const part = (s: string) =>
    transliterate(s, name.language)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  return `${part(name.first)}.${part(name.last)}`;
}

const UA_ROOTS = [
  'Зоря',
  'Карпати',
  'Дніпро',
  'Світанок',
  'Поділля',
  'Берегиня',
  'Веселка',
  'Калина',
  'Соняшник',
  'Галичина',
  'Оболонь',
  'Либідь',
  'Хортиця',
  'Дарниця',
  'Черемош',
  'Говерла',
  'Полісся',
  'Борисфен',
  'Мрія',
  'Колос',
  'Джерело',
  'Ятрань',
  'Стрий',
  'Синевир',
];
const UA_TRADES = [
  'Трейд',
  'Агро',
  'Буд',
  'Логістик',
  'Фарм',
  'Текстиль',
  'Софт',
  'Маркет',
  'Фуд',
  'Сервіс',
  'Груп',
  'Пак',
  'Меблі',
  'Енерго',
  'Лаб',
  'Друк',
];
const LV_ROOTS = [
  'Dzintars',
  'Baltijas',
  'Daugava',
  'Gauja',
  'Kurzeme',
  'Vidzeme',
  'Zemgale',
  'Latgale',
  'Ābele',
  'Lāse',
  'Saulīte',
  'Rīgas',
  'Jūrmala',
  'Mežrozīte',
  'Liepa',
  'Ozols',
  'Vārpa',
  'Dzirnavas',
  'Straume',
  'Kāre',
  'Bite',
  'Zvaigzne',
];
const LV_TRADES = [
  'Koks',
  'Nami',
  'Serviss',
  'Tirdzniecība',
  'Loģistika',
  'Pārtika',
  'Tehnika',
  'Dizains',
  'Mēbeles',
  'Aptieka',
  'Būve',
  'Drukātava',
  'Maiznīca',
  'Kafejnīca',
  'Grupa',
  'Enerģija',
];
const BG_ROOTS = [
  'Витоша',
  'Марица',
  'Тракия',
  'Пирин',
  'Рила',
  'Родопи',
  'Балкан',
  'Искър',
  'Странджа',
  'Тунджа',
  'Добруджа',
  'Арда',
  'Мусала',
  'Камчия',
  'Средец',
  'Филипополис',
  'Янтра',
  'Огоста',
  'Небет тепе',
];
const BG_TRADES = [
  'Трейд',
  'Фуд',
  'Логистик',
  'Софт',
  'Строй',
  'Мебел',
  'Фарма',
  'Агро',
  'Текстил',
  'Консулт',
  'Принт',
  'Енерджи',
  'Груп',
  'Медикал',
];

/**
 * A company name in the style of the market: ТОВ "…" / ФОП in Ukraine, SIA "…" / AS "…" in
 * Latvia, "…" ЕООД / ООД / АД / ЕТ in Bulgaria. The quotes are ASCII on purpose, as most
 * CRMs export them, which also keeps the CSV quoting honest.
 */
export function companyName(rng: Rng, country: Country, enterprise: boolean): string {
  switch (country) {
    case 'UA': {
      if (!enterprise && rng.chance(0.2)) {
        const p = personName(rng, 'uk');
        return `ФОП ${p.last} ${p.first[0]}.`;
      }
      const name = `${rng.pick(UA_ROOTS)}${rng.chance(0.6) ? `-${rng.pick(UA_TRADES)}` : ''}`;
      const form = enterprise ? rng.pick(['ПрАТ', 'ТОВ', 'ТОВ']) : rng.pick(['ТОВ', 'ТОВ', 'ПП']);
      return `${form} "${name}"`;
    }
    case 'LV': {
      const name = `${rng.pick(LV_ROOTS)} ${rng.pick(LV_TRADES)}`;
      return `${enterprise && rng.chance(0.5) ? 'AS' : 'SIA'} "${name}"`;
    }
    case 'BG': {
      if (!enterprise && rng.chance(0.15)) {
        const p = personName(rng, 'bg');
        return `ЕТ "${p.full}"`;
      }
      const name = `${rng.pick(BG_ROOTS)} ${rng.pick(BG_TRADES)}`;
      const form = enterprise ? rng.pick(['АД', 'ООД']) : rng.pick(['ЕООД', 'ЕООД', 'ООД']);
      return `"${name}" ${form}`;
    }
  }
}

const COMMENTS: Record<Language | 'en', Record<Sentiment, readonly string[]>> = {
  uk: {
    positive: [
      'Дуже швидко вирішили питання, дякую!',
      "Менеджер завжди на зв'язку.",
      'Все чудово, рекомендую колегам.',
      'Приємно працювати з вами вже кілька років.',
    ],
    neutral: [
      'Нормально, але доставка затрималась на день.',
      'В цілому добре.',
      'Без зауважень, але й без вау.',
    ],
    negative: [
      'Довго чекали на відповідь, тричі дзвонили.',
      'Рахунок знову з помилкою.',
      'Обіцяли передзвонити — не передзвонили.',
    ],
  },
  ru: {
    positive: ['Всё отлично, спасибо!', 'Очень довольны сервисом.'],
    neutral: ['В целом нормально.'],
    negative: ['Долго ждали ответа.', 'Опять перепутали заказ, неприятно.'],
  },
  lv: {
    positive: [
      'Ļoti atsaucīgs konsultants, paldies!',
      'Viss izdarīts ātri un kvalitatīvi.',
      'Iesaku arī kolēģiem.',
    ],
    neutral: ['Kopumā labi, bet rēķins pienāca vēlu.', 'Normāli.'],
    negative: ['Nācās zvanīt trīs reizes, līdz kāds atbildēja.', 'Piegāde kavējās divas nedēļas.'],
  },
  bg: {
    positive: ['Много бързо и любезно обслужване, благодаря!', 'Винаги мога да разчитам на екипа.'],
    neutral: ['Добре, но фактурата дойде със закъснение.', 'Горе-долу.'],
    negative: ['Чакахме отговор цяла седмица.', 'Грешка във фактурата, отново.'],
  },
  en: {
    positive: ['Great support, thanks!', 'Quick, friendly, "no problem" attitude.'],
    neutral: ['OK overall, but slow to respond.', 'Good product; support could be faster, though.'],
    negative: ['Invoice was wrong, again.', 'Said "tomorrow" three times.\nStill waiting.'],
  },
};

/** A survey comment in the customer's language (sometimes English, sometimes Russian in Ukraine). */
export function surveyComment(rng: Rng, country: Country, sentiment: Sentiment): string {
  let language: Language | 'en';
  if (rng.chance(0.12)) language = 'en';
  else if (country === 'UA') language = rng.chance(0.2) ? 'ru' : 'uk';
  else language = country === 'LV' ? 'lv' : 'bg';
  return rng.pick(COMMENTS[language][sentiment]);
}
