import { error } from './define.js';
import type { CategoryKey, CodeEntry } from './types.js';

// Error categories shared by the Russian-language subjects (docs/scoring.md §2, first bullet;
// `crit:abstractProcessor.ts`): every code with one of these prefixes counts towards the category.

export interface CategoryInfo {
  readonly key: CategoryKey;
  readonly prefix: string;
  readonly name: string;
  readonly description: string;
}

export const CATEGORIES: readonly CategoryInfo[] = [
  { key: 'ошграм', prefix: 'Г.', name: 'ошГрам', description: 'Grammatical error (regulations §2.1)' },
  { key: 'ошреч', prefix: 'Р.', name: 'ошРеч', description: 'Speech error (regulations §2.2)' },
  { key: 'ошлог', prefix: 'Л.', name: 'ошЛог', description: 'Logical error (regulations §2.3)' },
  { key: 'ошфакт', prefix: 'Ф.', name: 'ошФакт', description: 'Factual error (regulations §2.4)' },
  { key: 'ошэтич', prefix: 'Э.', name: 'ошЭтич', description: 'Ethical error (regulations §2.5)' },
];

// Named codes: speech codes from `psr:src/nominations/settlementTypes.ts`, logical codes from the
// same file (they are rus nomination mode's "logic" run), Г./Ф. codes seen in the data only.
// The Э. category has no named codes; any `Э.<word>` is accepted.
const SPEECH = [
  ...['знач', 'прост', 'мест', 'стил', 'прист', 'суфф', 'оним', 'сочет'],
  ...['лишн', 'тавт', 'повтор', 'бедн', 'неполн', 'двусм', 'шаблон'],
].map((c) => `Р.${c}`);

/** The Л. codes, in the order of psr's list; rus nomination mode's "logic" run keeps exactly these. */
export const LOGICAL_CODES: readonly string[] = [
  ...['неоднор', 'причслед', 'скачок', 'перест', 'подмена', 'несопост'],
  ...['повтор', 'зачин', 'основн', 'конц', 'абзац'],
].map((c) => `Л.${c}`);

const GRAMMAR = ['слов', 'сказ', 'прич', 'упр', 'согл', 'сложн', 'однор', 'видовр', 'частиц'].map(
  (c) => `Г.${c}`,
);
const FACTUAL = ['факт', 'искаж', 'назван'].map((c) => `Ф.${c}`);

function categoryCodes(codes: readonly string[], key: CategoryKey, source: string): CodeEntry[] {
  const info = CATEGORIES.find((c) => c.key === key) as CategoryInfo;
  return codes.map((code) =>
    error(code, [], `${info.description}; ${source}, counts towards ${info.name}`, {
      usage: 'category',
      category: key,
    }),
  );
}

/** Every named common code; the subject's criteria are filled in by `catalogue.ts`. */
export const COMMON_CODES: readonly CodeEntry[] = [
  ...categoryCodes(SPEECH, 'ошреч', 'listed by psr'),
  ...categoryCodes(LOGICAL_CODES, 'ошлог', 'listed by psr (rus nomination "logic" run)'),
  ...categoryCodes(GRAMMAR, 'ошграм', 'seen in the expert data'),
  ...categoryCodes(FACTUAL, 'ошфакт', 'seen in the expert data'),
  error('ИСП', [], 'Seen in the expert data only; it has no category prefix and nothing reads it', {
    usage: 'data',
  }),
];

/** `Э.<word>`: the ethical category has no named codes, so any such code is known. */
export const ETHICAL_CODE = /^э\.[а-яё]+$/;
