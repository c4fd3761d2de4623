import type { CriteriaInput, CriteriaSelectionInput } from '../../../src/scoring/criteria/index.js';

/** `n` distinct words separated by single spaces, so W(text) = n exactly. */
export function words(n: number, prefix = 'слово'): string {
  return Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(' ');
}

export interface SelOptions {
  tag?: string | null;
  /** Leave the `tag` field out entirely (the official code treats that as tagged). */
  noTag?: boolean;
  start?: number;
  end?: number;
}

export function sel(type: string, options: SelOptions = {}): CriteriaSelectionInput {
  const base = { type, startSelection: options.start ?? 0, endSelection: options.end ?? 0 };
  return options.noTag ? base : { ...base, tag: options.tag === undefined ? '' : options.tag };
}

/** `count` untagged selections of one type. */
export function many(type: string, count: number): CriteriaSelectionInput[] {
  return Array.from({ length: count }, () => sel(type));
}

export function essay(
  subject: string,
  wordsOrText: number | string,
  selections: CriteriaSelectionInput[] = [],
): CriteriaInput {
  const text = typeof wordsOrText === 'number' ? words(wordsOrText) : wordsOrText;
  return { meta: { subject }, text, selections };
}

/** Character offset of word `i` in `words(n)` and the end of word `j` (exclusive). */
export function span(i: number, j: number, prefix = 'слово'): { start: number; end: number } {
  const text = words(j + 1, prefix);
  const start = i === 0 ? 0 : words(i, prefix).length + 1;
  return { start, end: text.length };
}
