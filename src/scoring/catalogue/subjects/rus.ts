import { LOGICAL_CODES } from '../common.js';
import { block, error } from '../define.js';
import type { SubjectSpec } from '../define.js';

const K1_OFF = 'sets K1 to 0 (and with it K2–K4, which are computed only when K1 ≠ 0 outside web mode)';
const K2_OFF = 'any one sets K2 to 0';

/** rus: Russian, ЕГЭ essay; 12 criteria, max 24 (docs/scoring.md §2, §3.2). */
export const rus: SubjectSpec = {
  subject: 'rus',
  title: 'Russian, ЕГЭ essay',
  criteriaMax: [1, 5, 1, 1, 2, 2, 3, 3, 2, 2, 1, 1],
  blocks: [
    block('проблема', ['K1'], 'The problem of the source text; K1 = 1 needs one and no П.проблема/П.факт'),
    block(
      'пример',
      ['K2'],
      'An example; one gives K2 = 1, two give 2, more with explanations and a link give 3–5',
    ),
    block('пояснение', ['K2'], 'An explanation of an example; with two examples it raises K2 to 4 or 5'),
    block('связь', ['K2'], 'The link between the examples; K2 = 5 needs one'),
    block('позиция', ['K3'], "The author's position; K3 = 1 needs one and no П.позиция"),
    block('отношение', ['K4'], "The writer's own attitude; K4 = 1 needs one and no П.отнош/П.обоснов"),
  ],
  errors: [
    error('П.проблема', ['K1'], `Problem remark: ${K1_OFF}`),
    error('П.факт', ['K1'], `Problem remark: ${K1_OFF}`),
    error('П.опора', ['K2'], `Commentary remark: ${K2_OFF}`),
    error('П.пересказ', ['K2'], `Commentary remark: ${K2_OFF}`),
    error('П.факткомм', ['K2'], `Commentary remark: ${K2_OFF}`),
    error('П.другая', ['K2'], `Commentary remark: ${K2_OFF}`),
    error('П.копир', ['K2'], `Commentary remark: ${K2_OFF}`),
    error('П.позиция', ['K3'], 'Position remark: sets K3 to 0'),
    error('П.отнош', ['K4'], 'Attitude remark: sets K4 to 0'),
    error('П.обоснов', ['K4'], 'Attitude remark: sets K4 to 0'),
    error('П.однообр', ['K6'], 'Accuracy remark: with K10 = 2, one such remark gives K6 = 1, two or more 0'),
    error('П.точность', ['K6'], 'Accuracy remark: with K10 = 2, one such remark gives K6 = 1, two or more 0'),
  ],
  categories: {
    ошграм: { criteria: ['K9'], effect: 'K9 = max(0, ⌊2 − 0.5·ошграм − short⌋)' },
    ошреч: { criteria: ['K10'], effect: 'K10 = max(0, ⌊2.5 − 0.5·ошреч − short⌋); K10 < 2 caps K6 at 1' },
    ошлог: { criteria: ['K5'], effect: 'K5 = max(2 − ошлог, 0)' },
    ошфакт: { criteria: ['K12'], effect: 'K12 = 1 only without factual errors' },
    ошэтич: { criteria: ['K11'], effect: 'K11 = 1 only without ethical errors' },
  },
  nominationLogic: LOGICAL_CODES,
};

/** rus-free: Russian, free essay; 7 criteria, max 24, only the categories count (docs/scoring.md §3.3). */
export const rusFree: SubjectSpec = {
  subject: 'rus-free',
  title: 'Russian, free essay',
  criteriaMax: [4, 4, 4, 3, 3, 3, 3],
  blocks: [],
  errors: [],
  categories: {
    ошграм: { criteria: ['K1'], effect: 'K1 = max(4 − ошграм, 0)' },
    ошреч: { criteria: ['K2'], effect: 'K2 = max(4 − ошреч, 0)' },
    ошлог: { criteria: ['K3'], effect: 'K3 = max(4 − ошлог, 0)' },
    ошфакт: { criteria: ['K4'], effect: 'K4 = max(3 − ошфакт, 0)' },
    ошэтич: { criteria: ['K5'], effect: 'K5 = max(3 − ошэтич, 0)' },
  },
};
