import { block, error, UNREAD } from '../define.js';
import type { SubjectSpec } from '../define.js';

const EXAMPLE = 'An example of this kind; two or more add 1 to K4 (at most 2 over the three kinds)';
const K4_MINUS = 'Example remark: each one subtracts 1 from K4';

/** social: social studies; 4 criteria, max 6 (docs/scoring.md §2, §3.5). */
export const social: SubjectSpec = {
  subject: 'social',
  title: 'Social studies',
  criteriaMax: [1, 2, 1, 2],
  blocks: [
    block('идея', ['K1'], 'The main idea; K1 = 1 needs one and no О.смысл/О.подмена/О.пересказ'),
    block('понятие', ['K2'], 'A concept; its presence adds 1 to K2'),
    block('теория', ['K2'], 'A theory; its presence adds 1 to K2'),
    block('логика', ['K3'], 'The reasoning; K3 = 1 needs one, minus О.рассужд and О.вывод'),
    block('пример.общ', ['K4'], EXAMPLE),
    block('пример.лич', ['K4'], EXAMPLE),
    block('пример.ист', ['K4'], EXAMPLE),
  ],
  errors: [
    error('О.смысл', ['K1'], 'Idea remark: sets K1 to 0'),
    error('О.подмена', ['K1'], 'Idea remark: sets K1 to 0'),
    error('О.пересказ', ['K1'], 'Idea remark: sets K1 to 0'),
    error('О.упрощ', ['K2'], 'Theory remark: sets K2 to 0'),
    error('О.понятие', ['K2'], 'Theory remark: subtracts 1 from K2 (once, together with О.теория)'),
    error('О.теория', ['K2'], 'Theory remark: subtracts 1 from K2 (once, together with О.понятие)'),
    error('О.теорсвязь', ['K2'], 'Theory remark: each one subtracts 1 from K2'),
    error('О.нехватает', ['K2'], 'Theory remark: each one subtracts 1 from K2'),
    error('О.рассужд', ['K3'], 'Reasoning remark: each one subtracts 1 from K3'),
    error('О.вывод', ['K3'], 'Reasoning remark: each one subtracts 1 from K3'),
    error('О.примсвязь', ['K4'], K4_MINUS),
    error('О.подтв', ['K4'], K4_MINUS),
    error('О.дубл', ['K4'], K4_MINUS),
    error('О.факт', ['K4'], K4_MINUS),
    error('О.подробн', ['K4'], K4_MINUS),
  ],
  categories: { ошграм: UNREAD, ошреч: UNREAD, ошлог: UNREAD, ошфакт: UNREAD, ошэтич: UNREAD },
  nominationLogic: ['О.рассужд', 'О.вывод'],
};
