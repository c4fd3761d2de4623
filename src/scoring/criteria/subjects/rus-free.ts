import { rule } from '../context.js';
import type { SubjectContext, SubjectOutcome, SubjectRules } from '../context.js';

/** rus-free, 7 criteria, max 24 (docs/scoring.md §3.3). The text length is not used. */
export const rusFree: SubjectRules = {
  predefined: [],
  checkMax: true,
  evaluate(ctx: SubjectContext): SubjectOutcome {
    const { ошграм, ошреч, ошлог, ошфакт, ошэтич } = ctx.categories;
    const rows: ReadonlyArray<readonly [number, string, number, number]> = [
      [1, 'ошграм', 4, ошграм],
      [2, 'ошреч', 4, ошреч],
      [3, 'ошлог', 4, ошлог],
      [4, 'ошфакт', 3, ошфакт],
      [5, 'ошэтич', 3, ошэтич],
    ];
    const values: number[] = [];
    const rules: string[] = [];
    for (const [k, name, base, count] of rows) {
      const value = Math.max(base - count, 0);
      values.push(value);
      rules.push(rule(k, value, `max(${base}−${name}, 0)`, `(${name}=${count})`));
    }
    values.push(3, 3);
    rules.push(rule(6, 3, 'constant'), rule(7, 3, 'constant'));
    return { values, rules, details: { wordCount: ctx.words } };
  },
};
