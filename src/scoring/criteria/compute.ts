import { wordCount } from '../words.js';
import { tallyCodes } from './counts.js';
import { CriteriaError, OFFICIAL_MESSAGES } from './errors.js';
import { normalizeInput } from './input.js';
import { SUBJECT_MAX } from './types.js';
import type { SubjectContext, SubjectRules } from './context.js';
import type {
  CriteriaExplanation,
  CriteriaInput,
  CriteriaOptions,
  CriteriaResult,
  Subject,
} from './types.js';
import { eng } from './subjects/eng.js';
import { hist } from './subjects/hist.js';
import { lit } from './subjects/lit.js';
import { rus } from './subjects/rus.js';
import { rusFree } from './subjects/rus-free.js';
import { social } from './subjects/social.js';

const RULES: Readonly<Record<Subject, SubjectRules>> = {
  rus,
  'rus-free': rusFree,
  lit,
  social,
  hist,
  eng,
  'eng-free': eng,
};

function keyed(values: readonly number[]): Record<string, number> {
  return Object.fromEntries(values.map((v, i) => [`K${i + 1}`, v]));
}

/**
(quirk: max check before clamp) §3.1.4: ΣK > max is checked on the unclamped values, then
negative K become 0.
(quirk: eng has no max check.) Exported for tests: the check cannot fire with the real rules.
*/
export function finalizeValues(values: readonly number[], max: number, checkMax: boolean): number[] {
  const sum = values.reduce((a, b) => a + b, 0);
  if (checkMax && sum > max) {
    throw new CriteriaError('over-max', `computed ΣK = ${sum} exceeds the subject maximum ${max}`, {
      officialMessage: OFFICIAL_MESSAGES.overMax,
      value: sum,
    });
  }
  return values.map((v) => Math.max(v, 0));
}

/**
Scores one markup by the official criteria rules (docs/scoring.md §3). Pure: no I/O, no state
between calls. Throws `CriteriaError` for input the official package rejected or crashed on.
*/
export function computeCriteria(input: CriteriaInput, options: CriteriaOptions = {}): CriteriaResult {
  const webMode = options.webMode === true;
  const { subject, text, selections } = normalizeInput(input, options.checkOffsets === true);
  const rules = RULES[subject];
  const words = wordCount(text);
  const tally = tallyCodes(selections);
  const ctx: SubjectContext = {
    text,
    words,
    webMode,
    selections,
    categories: tally.categories,
    n: (code) =>
      code in tally.categories
        ? tally.categories[code as keyof typeof tally.categories]
        : (tally.counts.get(code) ?? 0),
  };
  const outcome = rules.evaluate(ctx);
  const max = SUBJECT_MAX[subject];
  const values = outcome.gate ? [...outcome.values] : finalizeValues(outcome.values, max, rules.checkMax);
  const criteria = keyed(values);
  const total = values.reduce((a, b) => a + b, 0);
  const result: CriteriaResult = { subject, criteria, total, max };
  if (!options.explain) return result;

  const counts: Record<string, number> = {};
  for (const code of rules.predefined) counts[code] = 0;
  for (const [code, n] of tally.perCode) counts[code] = n;
  const trueCounts = Object.fromEntries(tally.trueCounts);
  const collapsed = [...tally.perCode]
    .filter(([code, n]) => tally.trueCounts.get(code) !== n)
    .map(([code]) => code);
  const explanation: CriteriaExplanation = {
    subject,
    webMode,
    wordCount: words,
    counts,
    trueCounts,
    collapsed,
    categories: tally.categories,
    ...(outcome.gate ? { gate: outcome.gate } : {}),
    rules: Object.fromEntries(outcome.rules.map((r, i) => [`K${i + 1}`, r])),
    details: outcome.details,
    unclamped: keyed(outcome.values),
  };
  return { ...result, explanation };
}
