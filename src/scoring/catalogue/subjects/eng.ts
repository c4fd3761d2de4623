import { block, error } from '../define.js';
import type { SubjectSpec } from '../define.js';
import type { CodeEntry } from '../types.js';

const ASPECT = 'missing, it adds 1 to the aspect errors of K1';
const PLAN = 'K2 plan: absent or out of order adds 1';
const K2_ERR = 'Organisation remark: added to the plan errors of K2 (0 → 3, ≤4 → 2, ≤8 → 1)';
const UNUSED = 'Declared by the official processor, but no rule reads it';

// Ordered as the official processor declares them (the plan blocks first).
const BLOCKS: readonly CodeEntry[] = [
  block(
    'проблема',
    ['K1', 'K2'],
    `The problem; ${ASPECT} (as do А.перифр/А.пробл); first block of the ${PLAN}`,
  ),
  block('лмнение', ['K1', 'K2'], `Own opinion; ${ASPECT}; ${PLAN}`, { name: 'личное мнение' }),
  block('прмнение', ['K1', 'K2'], `Opposing opinion (inferred from the name); ${ASPECT}; ${PLAN}`),
  block('обоснование', ['K1', 'K2'], `The reasoning; ${ASPECT}; missing, it counts twice in the ${PLAN}`),
  block('вывод', ['K2'], `The conclusion, last block of the ${PLAN}`),
  block('аргумент', ['K1'], 'An argument; each one missing of three adds 1 to the aspect errors of K1', {
    name: 'довод',
  }),
];

const ERRORS: readonly CodeEntry[] = [
  error('А.стиль', ['K1'], 'Style remark: K1 = 3 allows at most 1, 2 at most 3, 1 at most 4'),
  error('А.перифр', ['K1'], 'Counts the problem aspect of K1 as missing'),
  error('А.пробл', ['K1'], 'Counts the problem aspect of K1 as missing'),
  error(
    'А.аспект',
    ['K1'],
    'Aspect remark: K1 = 3 allows none, 2 at most 2; for 1, 2·aspects + А.аспект ≤ 4',
  ),
  error('А.аспм', [], UNUSED),
  error('А.факт', [], UNUSED),
  error('А.объем', [], UNUSED),
  error('А.непрод', ['K1'], 'Unproductive text: when its words are over 30% of the essay, K1 = 0'),
  error('А.логика', ['K2'], K2_ERR),
  error('А.связь', ['K2'], K2_ERR),
  error('А.абзац', ['K2'], K2_ERR),
  error(
    'А.лекс',
    ['K3'],
    'Vocabulary remark: ≤1 (and no А.запас) → K3 = 3; А.лекс + 3·А.запас ≤ 3 → 2; ≤4 → 1',
  ),
  error('А.запас', ['K3'], 'Vocabulary range remark, weighs 3 in K3: none for 3, at most 1 for 1'),
  error('А.грамм', ['K4'], 'Grammar remark: ≤2 → K4 = 3, ≤4 → 2 (both without А.уров), ≤7 → 1'),
  error('А.уров', ['K4'], 'Grammar level remark: none for K4 ≥ 2, at most 1 for K4 = 1'),
  error('А.орф', ['K5'], 'Spelling remark: ≤1 each with А.пункт → K5 = 2; sum ≤4 → 1'),
  error('А.пункт', ['K5'], 'Punctuation remark: ≤1 each with А.орф → K5 = 2; sum ≤4 → 1'),
];

function english(subject: 'eng' | 'eng-free', title: string): SubjectSpec {
  return { subject, title, criteriaMax: [3, 3, 3, 3, 2], blocks: BLOCKS, errors: ERRORS };
}

/** eng and eng-free share one processor: 5 criteria, max 14 (docs/scoring.md §2, §3.7). */
export const eng = english('eng', 'English, ЕГЭ essay');
export const engFree = english('eng-free', 'English, free essay');
