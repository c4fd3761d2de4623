import { predefinedCodes } from '../../catalogue/index.js';
import { firstBranch, flag, gated, rule, vars } from '../context.js';
import type { SubjectContext, SubjectOutcome, SubjectRules } from '../context.js';

const K2_ERRORS = ['п.опора', 'п.пересказ', 'п.факткомм', 'п.другая', 'п.копир'];

function k2(ctx: SubjectContext): readonly [number, string] {
  const { n } = ctx;
  const errors = K2_ERRORS.reduce((s, c) => s + n(c), 0);
  const [ex, ep, li] = [n('пример'), n('пояснение'), n('связь')];
  return firstBranch(
    [
      [0, `${K2_ERRORS.join('+')}>0`, errors > 0],
      [5, 'пример≥2 ∧ пояснение≥2 ∧ связь≥1', ex >= 2 && ep >= 2 && li >= 1],
      [4, 'пример≥2 ∧ пояснение+связь≥2', ex >= 2 && ep + li >= 2],
      [3, 'пример+пояснение+связь≥3', ex + ep + li >= 3],
      [2, 'пример=2', ex === 2],
      [1, 'пример=1', ex === 1],
    ],
    [0, 'пример=0 ∧ пример+пояснение+связь<3'],
  );
}

/** rus, 12 criteria, max 24 (docs/scoring.md §3.2). */
export const rus: SubjectRules = {
  predefined: predefinedCodes('rus'),
  checkMax: true,
  evaluate(ctx: SubjectContext): SubjectOutcome {
    const { n, words, webMode } = ctx;
    if (webMode && words < 70) return gated(12, `W=${words}<70`, { wordCount: words });
    const short = flag(words < 150);
    const shortText = `short=${short}, W=${words}`;
    const { ошлог, ошграм, ошреч, ошэтич, ошфакт } = ctx.categories;

    const k1 = flag(n('проблема') > 0 && n('п.проблема') === 0 && n('п.факт') === 0);
    const r1 = rule(
      1,
      k1,
      '[проблема>0 ∧ п.проблема=0 ∧ п.факт=0]',
      vars(ctx, ['проблема', 'п.проблема', 'п.факт']),
    );

    // (quirk: K2..K4 skipped) outside web mode they are computed only when K1 ≠ 0; in web mode always.
    const content = k1 !== 0 || webMode;
    const skipped = 'not computed because K1=0 (outside web mode)';
    const [k2v, c2] = content ? k2(ctx) : [0, skipped];
    // Only the content-error codes that are present are listed, to keep the line readable.
    const k2codes = [...K2_ERRORS.filter((c) => n(c) > 0), 'пример', 'пояснение', 'связь'];
    const r2 = rule(2, k2v, c2, content ? vars(ctx, k2codes) : undefined);
    const k3 = content ? flag(n('позиция') > 0 && n('п.позиция') === 0) : 0;
    const r3 = content
      ? rule(3, k3, '[позиция>0 ∧ п.позиция=0]', vars(ctx, ['позиция', 'п.позиция']))
      : rule(3, 0, skipped);
    const k4 = content ? flag(n('отношение') > 0 && n('п.отнош') + n('п.обоснов') === 0) : 0;
    const r4 = content
      ? rule(4, k4, '[отношение>0 ∧ п.отнош+п.обоснов=0]', vars(ctx, ['отношение', 'п.отнош', 'п.обоснов']))
      : rule(4, 0, skipped);

    const k5 = Math.max(2 - ошлог, 0);
    const k7 = 3 - short;
    const k8 = Math.floor(3.5 - short);
    const k9 = Math.max(0, Math.floor(2 - 0.5 * ошграм - short));
    const k10 = Math.max(0, Math.floor(2.5 - 0.5 * ошреч - short));
    const k11 = flag(ошэтич === 0);
    const k12 = flag(ошфакт === 0);

    // K6 reads K10, so it is computed after it.
    const p = n('п.однообр') + n('п.точность');
    const [k6, c6] = firstBranch(
      [
        [2, 'п.однообр+п.точность=0 ∧ K10≥2', p === 0 && k10 >= 2],
        [1, 'п.однообр+п.точность=1 ∨ K10<2', p === 1 || k10 < 2],
      ],
      [0, 'п.однообр+п.точность≥2 ∧ K10≥2'],
    );

    return {
      values: [k1, k2v, k3, k4, k5, k6, k7, k8, k9, k10, k11, k12],
      rules: [
        r1,
        r2,
        r3,
        r4,
        rule(5, k5, 'max(2−ошлог, 0)', `(ошлог=${ошлог})`),
        rule(6, k6, c6, `(п.однообр=${n('п.однообр')}, п.точность=${n('п.точность')}, K10=${k10})`),
        rule(7, k7, '3−short, short=[W<150]', `(${shortText})`),
        rule(8, k8, '⌊3.5−short⌋', `(${shortText})`),
        rule(9, k9, 'max(0, ⌊2−0.5·ошграм−short⌋)', `(ошграм=${ошграм}, ${shortText})`),
        rule(10, k10, 'max(0, ⌊2.5−0.5·ошреч−short⌋)', `(ошреч=${ошреч}, ${shortText})`),
        rule(11, k11, '[ошэтич=0]', `(ошэтич=${ошэтич})`),
        rule(12, k12, '[ошфакт=0]', `(ошфакт=${ошфакт})`),
      ],
      details: { wordCount: words, short },
    };
  },
};
