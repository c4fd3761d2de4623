import { predefinedCodes } from '../../catalogue/index.js';
import { wordCount } from '../../words.js';
import { firstBranch, flag, gated, rule, vars } from '../context.js';
import type { SubjectContext, SubjectOutcome, SubjectRules } from '../context.js';

const PLAN_BLOCKS = ['проблема', 'лмнение', 'прмнение', 'обоснование', 'вывод'] as const;

interface Position {
  readonly start: number;
  readonly end: number;
}

/**
Offsets stay raw in the official code, so JS coercion rules apply to odd values; that is why
they are cast rather than validated here (`checkOffsets` validates them up front).
*/
function offsets(start: unknown, end: unknown): Position {
  return { start: start as number, end: end as number };
}

export function unproductivePercent(ctx: SubjectContext): { words: number; percent: number } {
  let words = 0;
  for (const s of ctx.selections) {
    if (s.code !== 'а.непрод') continue;
    const { start, end } = offsets(s.start, s.end);
    // substring swaps reversed bounds and clamps out-of-range ones, like the official code.
    words += wordCount(ctx.text.substring(start, end));
  }
  return { words, percent: words === 0 ? 0 : Math.round((100 * words) / ctx.words) };
}

/**
Plan errors (§3.7): each block's position is its last selection; an absent block counts 1; a
present block counts 1 when the next block is present and lies before it; вывод counts 1 more
when обоснование is absent (quirk: обоснование twice: a missing обоснование is counted twice).
*/
export function planErrors(ctx: SubjectContext): { plan: number; steps: string[] } {
  const last = new Map<string, Position>();
  for (const s of ctx.selections) {
    if ((PLAN_BLOCKS as readonly string[]).includes(s.code)) last.set(s.code, offsets(s.start, s.end));
  }
  let plan = 0;
  const steps: string[] = [];
  PLAN_BLOCKS.forEach((block, i) => {
    const cur = last.get(block);
    if (!cur) {
      plan += 1;
      steps.push(`${block} absent (+1)`);
      return;
    }
    if (i === PLAN_BLOCKS.length - 1) {
      const missing = !last.has('обоснование');
      if (missing) plan += 1;
      steps.push(missing ? `${block} present, обоснование absent (+1)` : `${block} present`);
      return;
    }
    const nextBlock = PLAN_BLOCKS[i + 1] as string;
    const next = last.get(nextBlock);
    const outOfOrder = next !== undefined && cur.start > next.start && next.end < cur.end;
    if (outOfOrder) plan += 1;
    steps.push(outOfOrder ? `${block} after ${nextBlock} (+1)` : `${block} present`);
  });
  return { plan, steps };
}

/** eng and eng-free, 5 criteria, max 14 (docs/scoring.md §3.7); both use the same processor. */
export const eng: SubjectRules = {
  predefined: predefinedCodes('eng'),
  checkMax: false,
  evaluate(ctx: SubjectContext): SubjectOutcome {
    const { n, words, webMode } = ctx;
    const problem = flag(n('проблема') === 0 || n('а.перифр') > 0 || n('а.пробл') > 0);
    const aspects =
      problem +
      flag(n('лмнение') === 0) +
      flag(n('прмнение') === 0) +
      Math.max(3 - n('аргумент'), 0) +
      flag(n('обоснование') === 0);
    const unprod = unproductivePercent(ctx);
    const [aspect, style] = [n('а.аспект'), n('а.стиль')];
    // (quirk: eng 180 words) the comment says 200 words; the code uses 180.
    const [k1, c1] = firstBranch(
      [
        [0, 'W<180 ∨ unprod%>30', words < 180 || unprod.percent > 30],
        [3, 'aspects=0 ∧ а.аспект=0 ∧ а.стиль≤1', aspects === 0 && aspect === 0 && style <= 1],
        [2, 'aspects=0 ∧ а.аспект≤2 ∧ а.стиль≤3', aspects === 0 && aspect <= 2 && style <= 3],
        [1, '2·aspects+а.аспект≤4 ∧ а.стиль≤4', 2 * aspects + aspect <= 4 && style <= 4],
      ],
      [0, '2·aspects+а.аспект>4 ∨ а.стиль>4'],
    );
    const details = { wordCount: words, aspects, unprodWords: unprod.words, unprodPercent: unprod.percent };
    // (quirk: K1=0 short-circuit only in web mode) outside it the rest is computed anyway.
    if (webMode && k1 === 0) return gated(5, 'K1=0', details);

    const { plan, steps } = planErrors(ctx);
    const [logic, link, para] = [n('а.логика'), n('а.связь'), n('а.абзац')];
    const planSum = plan + logic + link + para;
    const [k2, c2] = firstBranch(
      [
        [3, 'plan=0 ∧ а.логика=0 ∧ а.связь=0 ∧ а.абзац=0', planSum === 0],
        [2, 'plan+а.логика+а.связь+а.абзац≤4', planSum <= 4],
        [1, 'plan+а.логика+а.связь+а.абзац≤8', planSum <= 8],
      ],
      [0, 'plan+а.логика+а.связь+а.абзац>8'],
    );
    const [lex, vocab] = [n('а.лекс'), n('а.запас')];
    const [k3, c3] = firstBranch(
      [
        [3, 'а.лекс≤1 ∧ а.запас=0', lex <= 1 && vocab === 0],
        [2, 'а.лекс+3·а.запас≤3', lex + 3 * vocab <= 3],
        [1, 'а.лекс≤4 ∧ а.запас≤1', lex <= 4 && vocab <= 1],
      ],
      [0, 'а.лекс>4 ∨ а.запас>1'],
    );
    const [gram, level] = [n('а.грамм'), n('а.уров')];
    const [k4, c4] = firstBranch(
      [
        [3, 'а.грамм≤2 ∧ а.уров=0', gram <= 2 && level === 0],
        [2, 'а.грамм≤4 ∧ а.уров=0', gram <= 4 && level === 0],
        [1, 'а.грамм≤7 ∧ а.уров≤1', gram <= 7 && level <= 1],
      ],
      [0, 'а.грамм>7 ∨ а.уров>1'],
    );
    const [orth, punct] = [n('а.орф'), n('а.пункт')];
    const [k5, c5] = firstBranch(
      [
        [2, 'а.орф≤1 ∧ а.пункт≤1', orth <= 1 && punct <= 1],
        [1, 'а.орф+а.пункт≤4', orth + punct <= 4],
      ],
      [0, 'а.орф+а.пункт>4'],
    );

    return {
      values: [k1, k2, k3, k4, k5],
      rules: [
        rule(
          1,
          k1,
          c1,
          `(W=${words}, unprod%=${unprod.percent}, aspects=${aspects}, а.аспект=${aspect}, а.стиль=${style})`,
        ),
        rule(2, k2, c2, `(plan=${plan}, а.логика=${logic}, а.связь=${link}, а.абзац=${para})`),
        rule(3, k3, c3, vars(ctx, ['а.лекс', 'а.запас'])),
        rule(4, k4, c4, vars(ctx, ['а.грамм', 'а.уров'])),
        rule(5, k5, c5, vars(ctx, ['а.орф', 'а.пункт'])),
      ],
      details: { ...details, plan, planSteps: steps.join('; ') },
    };
  },
};
