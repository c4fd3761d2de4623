import { predefinedCodes } from '../../catalogue/index.js';
import { firstBranch, gated, rule, vars } from '../context.js';
import type { SubjectContext, SubjectOutcome, SubjectRules } from '../context.js';

/** lit, 5 criteria, max 14 (docs/scoring.md §3.4). */
export const lit: SubjectRules = {
  predefined: predefinedCodes('lit'),
  checkMax: true,
  evaluate(ctx: SubjectContext): SubjectOutcome {
    const { n, words, webMode } = ctx;
    if (webMode && words < 150) return gated(5, `W=${words}<150`, { wordCount: words });

    const [k1, c1] = firstBranch(
      [
        [0, 'с.тема>0', n('с.тема') > 0],
        [1, 'с.поверхн>0', n('с.поверхн') > 0],
        [2, 'с.одностор>0', n('с.одностор') > 0],
      ],
      [3, 'с.тема=с.поверхн=с.одностор=0'],
    );

    const fact = n('с.факт');
    // (quirk: lit с.факт=1) with exactly one с.факт no branch fires, so K2 stays 0.
    const [k2, c2] = firstBranch(
      [
        [
          0,
          'аргумент=0 ∨ с.опора>0 ∨ с.позиция>0 ∨ с.факт≥4',
          n('аргумент') === 0 || n('с.опора') > 0 || n('с.позиция') > 0 || fact >= 4,
        ],
        [1, 'с.упрощен>0 ∨ с.пересказ>0 ∨ с.факт≥3', n('с.упрощен') > 0 || n('с.пересказ') > 0 || fact >= 3],
        [2, 'с.факт≥2', fact >= 2],
        [3, 'с.факт=0', fact === 0],
      ],
      [0, '(quirk: lit с.факт=1) no branch fires for с.факт=1'],
    );

    const [k3, c3] = firstBranch(
      [
        [0, 'понятие=0 ∨ с.понятие≥2', n('понятие') === 0 || n('с.понятие') >= 2],
        [1, 'с.неиспол>0 ∨ с.понятие≥1', n('с.неиспол') > 0 || n('с.понятие') >= 1],
      ],
      [2, 'понятие>0 ∧ с.понятие=0 ∧ с.неиспол=0'],
    );

    const [k4, c4] = firstBranch(
      [
        [0, 'с.композ>0', n('с.композ') > 0],
        [1, 'с.неразв>0 ∨ с.связь>0', n('с.неразв') > 0 || n('с.связь') > 0],
        [2, 'с.послед>0', n('с.послед') > 0],
      ],
      [3, 'с.композ=с.неразв=с.связь=с.послед=0'],
    );

    const speech = ctx.categories.ошреч;
    const k5 = Math.max(0, Math.floor(3.5 - 0.5 * speech));

    return {
      values: [k1, k2, k3, k4, k5],
      rules: [
        rule(1, k1, c1, vars(ctx, ['с.тема', 'с.поверхн', 'с.одностор'])),
        rule(2, k2, c2, vars(ctx, ['аргумент', 'с.опора', 'с.позиция', 'с.факт', 'с.упрощен', 'с.пересказ'])),
        rule(3, k3, c3, vars(ctx, ['понятие', 'с.понятие', 'с.неиспол'])),
        rule(4, k4, c4, vars(ctx, ['с.композ', 'с.неразв', 'с.связь', 'с.послед'])),
        rule(5, k5, 'max(0, ⌊3.5−0.5·ошреч⌋)', `(ошреч=${speech})`),
      ],
      details: { wordCount: words },
    };
  },
};
