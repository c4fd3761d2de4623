import { predefinedCodes } from '../../catalogue/index.js';
import { flag, gated, rule, vars } from '../context.js';
import type { SubjectContext, SubjectOutcome, SubjectRules } from '../context.js';
import type { NormalizedSelection } from '../input.js';
import type { DetailValue } from '../types.js';

const ROLE_ERRORS = new Set(['и.личность', 'и.лсвязь', 'и.лпериод', 'и.лроль', 'и.лдейств']);
const CAUSE_ERRORS = new Set(['и.причин', 'и.следств']);

interface Linked {
  readonly present: boolean;
  /** The block's raw tag. (quirk: absent block tag '') an absent block keeps '', so untagged errors count against it. */
  readonly tag: unknown;
  readonly errors: number;
}

/**
(quirk: hist case-sensitive) roles, causes, consequences and their errors are matched on the
raw type, so `РОЛЬ`, `Роль` or `И.лроль` are not recognised; errors are linked by `tag ===`
the block's raw tag.
*/
function linked(
  selections: readonly NormalizedSelection[],
  type: string,
  errorTypes: ReadonlySet<string>,
): Linked[] {
  const blocks = selections.filter((s) => s.type === type).slice(0, 2);
  return [0, 1].map((i) => {
    const block = blocks[i];
    const tag = block ? block.tag : '';
    const errors = selections.filter((s) => errorTypes.has(s.type) && s.tag === tag).length;
    return { present: block !== undefined, tag, errors };
  });
}

function showTag(tag: unknown): string {
  return tag === undefined ? 'missing' : JSON.stringify(tag);
}

/** hist, 7 criteria, max 12 (docs/scoring.md §3.6). */
export const hist: SubjectRules = {
  predefined: predefinedCodes('hist'),
  checkMax: true,
  evaluate(ctx: SubjectContext): SubjectOutcome {
    const { n, webMode, selections } = ctx;
    const k1 = Math.max(0, Math.min(2, n('сяп') - n('и.сяп') - n('и.период')));
    // (quirk: K1=0 short-circuit only in web mode) outside it the rest is computed anyway.
    if (webMode && k1 === 0) return gated(7, 'K1=0', { wordCount: ctx.words });

    const roles = linked(selections, 'роль', ROLE_ERRORS);
    const causes = linked(selections, 'причина', CAUSE_ERRORS);
    // (quirk: consequences by position) the i-th следствие goes with the i-th причина, whatever the tags.
    const consequences = selections.filter((s) => s.type === 'следствие').length;

    const k2parts = roles.map((r) => flag(r.present) - flag(r.errors > 0));
    const k3parts = causes.map((c, i) => flag(c.present && consequences > i) - flag(c.errors > 0));
    const k2 = k2parts.reduce((a, b) => a + b, 0);
    const k3 = k3parts.reduce((a, b) => a + b, 0);
    const k4 = flag(n('оценка') > 0) - flag(n('и.влиян') + n('и.упрощ') > 0);
    const k5 = 1 - flag(n('и.понятие') + n('и.неиспол') > 0);
    const k6 = Math.max(0, 3 - n('и.факт'));
    // (quirk: K7 unclamped) K7 reads K1..K4 before the clamp (K2..K4 may be negative here).
    const sum = k1 + k2 + k3 + k4;
    const k7 = flag(sum >= 5 && n('и.излож') === 0);

    const details: Record<string, DetailValue> = { wordCount: ctx.words, consequences };
    roles.forEach((r, i) => {
      details[`role${i + 1}`] = r.present;
      details[`role${i + 1}Tag`] = showTag(r.tag);
      details[`role${i + 1}Errors`] = r.errors;
    });
    causes.forEach((c, i) => {
      details[`cause${i + 1}`] = c.present;
      details[`cause${i + 1}Tag`] = showTag(c.tag);
      details[`cause${i + 1}Errors`] = c.errors;
    });

    const roleText = roles
      .map((r, i) => `роль${i + 1}=${flag(r.present)}, ошибки${i + 1}=${r.errors}`)
      .join(', ');
    const causeText = causes
      .map(
        (c, i) =>
          `причина${i + 1}=${flag(c.present)}, следствие${i + 1}=${flag(consequences > i)}, ошибки${i + 1}=${c.errors}`,
      )
      .join(', ');
    return {
      values: [k1, k2, k3, k4, k5, k6, k7],
      rules: [
        rule(1, k1, 'max(0, min(2, сяп−и.сяп−и.период))', vars(ctx, ['сяп', 'и.сяп', 'и.период'])),
        rule(
          2,
          k2,
          'Σᵢ ([рольᵢ] − [ошибки рольᵢ>0]), raw case-sensitive types, errors linked by tag',
          `(${roleText})`,
        ),
        rule(
          3,
          k3,
          'Σᵢ ([причинаᵢ ∧ следствиеᵢ] − [ошибки причинаᵢ>0]), raw case-sensitive types',
          `(${causeText})`,
        ),
        rule(4, k4, '[оценка>0] − [и.влиян+и.упрощ>0]', vars(ctx, ['оценка', 'и.влиян', 'и.упрощ'])),
        rule(5, k5, '1 − [и.понятие+и.неиспол>0]', vars(ctx, ['и.понятие', 'и.неиспол'])),
        rule(6, k6, 'max(0, 3−и.факт)', vars(ctx, ['и.факт'])),
        rule(
          7,
          k7,
          '[K1+K2+K3+K4≥5 (unclamped) ∧ и.излож=0]',
          `(K1+K2+K3+K4=${sum}, и.излож=${n('и.излож')})`,
        ),
      ],
      details,
    };
  },
};
