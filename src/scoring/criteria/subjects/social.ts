import { predefinedCodes } from '../../catalogue/index.js';
import { flag, gated, rule, vars } from '../context.js';
import type { SubjectContext, SubjectOutcome, SubjectRules } from '../context.js';

const K4_ERRORS = ['о.примсвязь', 'о.подтв', 'о.дубл', 'о.факт', 'о.подробн'];

/** social, 4 criteria, max 6 (docs/scoring.md §3.5). */
export const social: SubjectRules = {
  predefined: predefinedCodes('social'),
  checkMax: true,
  evaluate(ctx: SubjectContext): SubjectOutcome {
    const { n, webMode } = ctx;
    const k1 = flag(n('идея') > 0 && n('о.смысл') === 0 && n('о.подмена') === 0 && n('о.пересказ') === 0);
    // (quirk: K1=0 short-circuit only in web mode) outside it the rest is computed anyway.
    if (webMode && k1 === 0) return gated(4, 'K1=0', { wordCount: ctx.words });

    const simplified = n('о.упрощ') > 0;
    const k2raw =
      flag(n('понятие') > 0) +
      flag(n('теория') > 0) -
      flag(n('о.понятие') + n('о.теория') > 0) -
      n('о.теорсвязь') -
      n('о.нехватает');
    const k2 = simplified ? 0 : Math.max(0, k2raw);
    const c2 = simplified
      ? 'о.упрощ>0'
      : 'max(0, [понятие>0]+[теория>0]−[о.понятие+о.теория>0]−о.теорсвязь−о.нехватает)';

    const k3 = Math.max(0, flag(n('логика') > 0) - n('о.рассужд') - n('о.вывод'));

    // `>1` means at least two examples of a kind.
    const kinds = flag(n('пример.общ') > 1) + flag(n('пример.лич') > 1) + flag(n('пример.ист') > 1);
    const k4errors = K4_ERRORS.reduce((s, c) => s + n(c), 0);
    const k4 = Math.max(0, Math.min(2, kinds) - k4errors);

    return {
      values: [k1, k2, k3, k4],
      rules: [
        rule(
          1,
          k1,
          '[идея>0 ∧ о.смысл=0 ∧ о.подмена=0 ∧ о.пересказ=0]',
          vars(ctx, ['идея', 'о.смысл', 'о.подмена', 'о.пересказ']),
        ),
        rule(
          2,
          k2,
          c2,
          vars(ctx, ['о.упрощ', 'понятие', 'теория', 'о.понятие', 'о.теория', 'о.теорсвязь', 'о.нехватает']),
        ),
        rule(3, k3, 'max(0, [логика>0]−о.рассужд−о.вывод)', vars(ctx, ['логика', 'о.рассужд', 'о.вывод'])),
        rule(
          4,
          k4,
          `max(0, min(2, [пример.общ>1]+[пример.лич>1]+[пример.ист>1])−${K4_ERRORS.join('−')})`,
          vars(ctx, ['пример.общ', 'пример.лич', 'пример.ист', ...K4_ERRORS]),
        ),
      ],
      details: { wordCount: ctx.words, exampleKinds: kinds },
    };
  },
};
