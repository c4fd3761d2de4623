import type { Subject } from './types.js';
import { SEMANTIC_BLOCKS } from '../../src/scoring/psr/index.js';

// Canonical spellings from scoring.md §2. The builder demands these exact spellings (not just a
// case-insensitive match) because the history processor links roles and causes case-sensitively.

export const SUBJECTS: readonly Subject[] = ['rus', 'rus-free', 'lit', 'social', 'hist', 'eng', 'eng-free'];

/** Blocks that PSR treats as "semantic" (scoring.md §2, last bullet); they must carry group `meaning`. */
export { SEMANTIC_BLOCKS };

// Error categories counted for any subject; the Э. category has no named codes in the catalogue,
// so any `Э.<name>` is accepted (see isCommonErrorCode).
const COMMON_ERRORS = [
  ...[
    'знач',
    'прост',
    'мест',
    'стил',
    'прист',
    'суфф',
    'оним',
    'сочет',
    'лишн',
    'тавт',
    'повтор',
    'бедн',
  ].map((c) => `Р.${c}`),
  ...['неполн', 'двусм', 'шаблон'].map((c) => `Р.${c}`),
  ...[
    'неоднор',
    'причслед',
    'скачок',
    'перест',
    'подмена',
    'несопост',
    'повтор',
    'зачин',
    'основн',
    'конц',
  ].map((c) => `Л.${c}`),
  'Л.абзац',
  ...['слов', 'сказ', 'прич', 'упр', 'согл', 'сложн', 'однор', 'видовр', 'частиц'].map((c) => `Г.${c}`),
  'Ф.факт',
  'Ф.искаж',
  'Ф.назван',
  'ИСП',
];

const ENG_ERRORS = [
  'А.стиль',
  'А.перифр',
  'А.пробл',
  'А.аспект',
  'А.непрод',
  'А.логика',
  'А.связь',
  'А.абзац',
  'А.лекс',
  'А.запас',
  'А.грамм',
  'А.уров',
  'А.орф',
  'А.пункт',
  'А.аспм',
  'А.факт',
  'А.объем',
];

const SUBJECT_CODES: Record<Subject, readonly string[]> = {
  rus: [
    ...['проблема', 'пример', 'пояснение', 'связь', 'позиция', 'отношение'],
    ...['П.проблема', 'П.факт', 'П.опора', 'П.пересказ', 'П.факткомм', 'П.другая', 'П.копир'],
    ...['П.позиция', 'П.отнош', 'П.обоснов', 'П.однообр', 'П.точность'],
    ...COMMON_ERRORS,
  ],
  'rus-free': COMMON_ERRORS,
  lit: [
    'аргумент',
    'понятие',
    ...['С.тема', 'С.поверхн', 'С.одностор', 'С.опора', 'С.позиция', 'С.факт', 'С.упрощен', 'С.пересказ'],
    ...['С.понятие', 'С.неиспол', 'С.композ', 'С.неразв', 'С.связь', 'С.послед'],
    ...COMMON_ERRORS,
  ],
  social: [
    ...['идея', 'понятие', 'теория', 'логика', 'пример.общ', 'пример.лич', 'пример.ист'],
    ...[
      'О.смысл',
      'О.подмена',
      'О.пересказ',
      'О.упрощ',
      'О.понятие',
      'О.теория',
      'О.теорсвязь',
      'О.нехватает',
    ],
    ...['О.рассужд', 'О.вывод', 'О.примсвязь', 'О.подтв', 'О.дубл', 'О.факт', 'О.подробн'],
    ...COMMON_ERRORS,
  ],
  hist: [
    ...['событие', 'сяп', 'роль', 'причина', 'следствие', 'оценка'],
    ...['И.сяп', 'И.период', 'И.личность', 'И.лсвязь', 'И.лпериод', 'И.лроль', 'И.лдейств', 'И.причин'],
    ...['И.следств', 'И.влиян', 'И.упрощ', 'И.понятие', 'И.неиспол', 'И.факт', 'И.излож', 'И.событие'],
    'И.слдейств',
    ...COMMON_ERRORS,
  ],
  eng: ['проблема', 'лмнение', 'прмнение', 'аргумент', 'обоснование', 'вывод', ...ENG_ERRORS],
  'eng-free': ['проблема', 'лмнение', 'прмнение', 'аргумент', 'обоснование', 'вывод', ...ENG_ERRORS],
};

/** Per-criterion maxima, K1 first (scoring.md §3); their sums are the subject maxima 24/24/14/6/12/14/14. */
export const CRITERIA_MAX: Record<Subject, readonly number[]> = {
  rus: [1, 5, 1, 1, 2, 2, 3, 3, 2, 2, 1, 1],
  'rus-free': [4, 4, 4, 3, 3, 3, 3],
  lit: [3, 3, 2, 3, 3],
  social: [1, 2, 1, 2],
  hist: [2, 2, 2, 1, 1, 3, 1],
  eng: [3, 3, 3, 3, 2],
  'eng-free': [3, 3, 3, 3, 2],
};

export function isSubject(value: string): value is Subject {
  return (SUBJECTS as readonly string[]).includes(value);
}

/** The catalogue spelling of `type` for `subject`, or undefined when the code is unknown there. */
export function canonicalCode(subject: Subject, type: string): string | undefined {
  const lower = type.toLowerCase();
  const known = SUBJECT_CODES[subject].find((c) => c.toLowerCase() === lower);
  if (known !== undefined) return known;
  if (subject !== 'eng' && subject !== 'eng-free' && /^э\.[а-яё]+$/.test(lower)) return type;
  return undefined;
}

export function isSemanticBlock(type: string): boolean {
  return SEMANTIC_BLOCKS.has(type.toLowerCase());
}

export function languageOf(subject: Subject): 'rus' | 'eng' {
  return subject === 'eng' || subject === 'eng-free' ? 'eng' : 'rus';
}
