import { block, error, UNREAD } from '../define.js';
import type { SubjectSpec } from '../define.js';

const EXACT = { caseSensitive: true } as const;
const ROLE_ERROR =
  'Role remark, linked to a роль by an equal tag: takes that role’s point away in K2 (an absent role has tag "", so untagged remarks count against it)';
const CAUSE_ERROR =
  'Cause remark, linked to a причина by an equal tag: subtracts that cause’s point in K3 (an absent cause has tag "")';

/** hist: history; 7 criteria, max 12 (docs/scoring.md §2, §3.6). */
export const hist: SubjectSpec = {
  subject: 'hist',
  title: 'History',
  criteriaMax: [2, 2, 2, 1, 1, 3, 1],
  blocks: [
    block('событие', [], 'A historical event; declared, no criterion reads it'),
    block('сяп', ['K1'], 'K1 = max(0, min(2, сяп − И.сяп − И.период))'),
    block('роль', ['K2'], 'The first two give 1 point each in K2, minus linked role remarks', EXACT),
    block('причина', ['K3'], 'The i-th cause with an i-th следствие gives 1 point in K3 (first two)', EXACT),
    block('следствие', ['K3'], 'Paired with the причина of the same position, whatever the tags', EXACT),
    block('оценка', ['K4'], 'An assessment; K4 = 1 with one, minus 1 with И.влиян or И.упрощ'),
  ],
  errors: [
    error('И.событие', [], 'Declared by the official processor, but no rule reads it'),
    error('И.сяп', ['K1'], 'Subtracts 1 from K1'),
    error('И.период', ['K1'], 'Subtracts 1 from K1'),
    error('И.личность', ['K2'], ROLE_ERROR, EXACT),
    error('И.лсвязь', ['K2'], ROLE_ERROR, EXACT),
    error('И.лпериод', ['K2'], ROLE_ERROR, EXACT),
    error('И.лроль', ['K2'], ROLE_ERROR, EXACT),
    error('И.лдейств', ['K2'], ROLE_ERROR, EXACT),
    error('И.причин', ['K3'], CAUSE_ERROR, EXACT),
    error('И.следств', ['K3'], CAUSE_ERROR, EXACT),
    error('И.влиян', ['K4'], 'Subtracts 1 from K4 (once, together with И.упрощ)'),
    error('И.упрощ', ['K4'], 'Subtracts 1 from K4 (once, together with И.влиян)'),
    error('И.понятие', ['K5'], 'Sets K5 to 0'),
    error('И.неиспол', ['K5'], 'Sets K5 to 0'),
    error('И.факт', ['K6'], 'K6 = max(0, 3 − И.факт)'),
    error('И.излож', ['K7'], 'Sets K7 to 0 (K7 = 1 needs K1+K2+K3+K4 ≥ 5 and no И.излож)'),
    error('И.слдейств', [], 'Listed only by PSR nomination mode; no criterion reads it', {
      usage: 'nomination',
    }),
  ],
  categories: { ошграм: UNREAD, ошреч: UNREAD, ошлог: UNREAD, ошфакт: UNREAD, ошэтич: UNREAD },
  nominationLogic: ['И.слдейств', 'И.причин', 'И.следств', 'И.излож'],
};
