import { block, error, UNREAD } from '../define.js';
import type { SubjectSpec } from '../define.js';

/** lit: literature; 5 criteria, max 14 (docs/scoring.md §2, §3.4). */
export const lit: SubjectSpec = {
  subject: 'lit',
  title: 'Literature',
  criteriaMax: [3, 3, 2, 3, 3],
  blocks: [
    block('аргумент', ['K2'], 'An argument; without one K2 = 0'),
    block('понятие', ['K3'], 'A literary concept used; without one K3 = 0'),
  ],
  errors: [
    error('С.тема', ['K1'], 'Topic remark: sets K1 to 0'),
    error('С.поверхн', ['K1'], 'Topic remark: caps K1 at 1'),
    error('С.одностор', ['K1'], 'Topic remark: caps K1 at 2'),
    error('С.опора', ['K2'], 'Argument remark: sets K2 to 0'),
    error('С.позиция', ['K2'], 'Argument remark: sets K2 to 0'),
    error(
      'С.факт',
      ['K2'],
      'Argument remark, counted: 2 give K2 = 2, 3 give 1, 4 or more 0; (quirk) exactly one leaves K2 at 0',
    ),
    error('С.упрощен', ['K2'], 'Argument remark: caps K2 at 1'),
    error('С.пересказ', ['K2'], 'Argument remark: caps K2 at 1'),
    error('С.понятие', ['K3'], 'Concept remark: one caps K3 at 1, two or more set it to 0'),
    error('С.неиспол', ['K3'], 'Concept remark: caps K3 at 1'),
    error('С.композ', ['K4'], 'Composition remark: sets K4 to 0'),
    error('С.неразв', ['K4'], 'Composition remark: caps K4 at 1'),
    error('С.связь', ['K4'], 'Composition remark: caps K4 at 1'),
    error('С.послед', ['K4'], 'Composition remark: caps K4 at 2'),
  ],
  categories: {
    ошграм: UNREAD,
    ошреч: { criteria: ['K5'], effect: 'K5 = max(0, ⌊3.5 − 0.5·ошреч⌋)' },
    ошлог: UNREAD,
    ошфакт: UNREAD,
    ошэтич: UNREAD,
  },
  nominationLogic: ['С.послед', 'С.неразв'],
};
