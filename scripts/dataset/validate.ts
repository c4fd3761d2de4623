import { wordCount } from '../../src/scoring/words.js';
import { CRITERIA_MAX, canonicalCode, isSemanticBlock, isSubject } from './catalogue.js';
import { DatasetSourceError } from './errors.js';
import type { SourceEssay, SourceExpert, SourceSelection } from './types.js';

export const MIN_WORDS = 150;
export const MAX_WORDS = 400;
export const MIN_SELECTIONS = 5;
export const MAX_SELECTIONS = 20;

export interface Span {
  start: number;
  end: number;
}

/** Offsets of the `occurrence`-th match of the quote (JS string indices, end exclusive), or why there are none. */
export function locate(text: string, sel: SourceSelection): Span | string {
  const quote = sel.quote ?? '';
  if (sel.whole === true) return quote === '' ? { start: 0, end: 0 } : 'whole: true takes no quote';
  if (quote === '') return 'no quote, and not whole: true';
  if (quote.trim() !== quote) return `quote ${JSON.stringify(quote)} starts or ends with whitespace`;
  const occurrence = sel.occurrence ?? 1;
  if (!Number.isInteger(occurrence) || occurrence < 1)
    return `occurrence ${occurrence} is not a positive integer`;
  let at = -1;
  for (let n = 0; n < occurrence; n += 1) {
    at = text.indexOf(quote, at + 1);
    if (at < 0) {
      return n === 0
        ? `quote ${JSON.stringify(quote)} not found in the text`
        : `quote ${JSON.stringify(quote)} occurs only ${n} time(s), occurrence ${occurrence} asked`;
    }
  }
  return { start: at, end: at + quote.length };
}

function checkSelection(essay: SourceEssay, expert: string, index: number, sel: SourceSelection): Span {
  const fail = (message: string): never => {
    throw new DatasetSourceError(message, essay.id, expert, index);
  };
  const code = canonicalCode(essay.subject, sel.type);
  if (code === undefined) fail(`type ${JSON.stringify(sel.type)} is not in the ${essay.subject} catalogue`);
  if (code !== sel.type) fail(`type ${JSON.stringify(sel.type)} must be spelled ${JSON.stringify(code)}`);
  const wanted = isSemanticBlock(sel.type) ? 'meaning' : 'error';
  if (sel.group !== wanted)
    fail(`type ${sel.type} needs group "${wanted}", got ${JSON.stringify(sel.group)}`);
  const span = locate(essay.text, sel);
  if (typeof span === 'string') fail(span);
  return span as Span;
}

function checkCriteria(essay: SourceEssay, expert: SourceExpert): void {
  const maxima = CRITERIA_MAX[essay.subject];
  const expected = maxima.map((_, i) => `K${i + 1}`);
  const keys = Object.keys(expert.criteria);
  const fail = (message: string): never => {
    throw new DatasetSourceError(message, essay.id, expert.expert);
  };
  if (keys.join(',') !== expected.join(',')) {
    fail(`criteria keys must be exactly ${expected.join(',')} in order, got ${keys.join(',') || '(none)'}`);
  }
  maxima.forEach((max, i) => {
    const value = expert.criteria[`K${i + 1}`];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
      fail(`criterion K${i + 1} = ${String(value)} is outside 0..${max}`);
    }
  });
}

function checkExpert(essay: SourceEssay, expert: SourceExpert, index: number): Span[] {
  const name = `exp00${index + 1}`;
  const fail = (message: string): never => {
    throw new DatasetSourceError(message, essay.id, expert.expert);
  };
  if (expert.expert !== name) fail(`expert #${index + 1} must be named ${JSON.stringify(name)}`);
  if (index === 2 && expert.third !== true) fail('the third expert must have third: true');
  if (index < 2 && expert.third === true) fail('only the third expert may have third: true');
  const n = expert.selections.length;
  if (n < MIN_SELECTIONS || n > MAX_SELECTIONS) {
    fail(`has ${n} selections, needs ${MIN_SELECTIONS}..${MAX_SELECTIONS}`);
  }
  checkCriteria(essay, expert);
  return expert.selections.map((sel, i) => checkSelection(essay, expert.expert, i, sel));
}

/** Validates one essay and returns the spans of every expert's selections. */
export function validateEssay(essay: SourceEssay): Span[][] {
  const fail = (message: string): never => {
    throw new DatasetSourceError(message, essay.id);
  };
  if (!/^\d{7}$/.test(essay.id)) fail('id must be 7 digits');
  if (!isSubject(essay.subject)) fail(`unknown subject ${JSON.stringify(essay.subject)}`);
  if (essay.split !== 'train' && essay.split !== 'test') fail(`split must be train or test`);
  const words = wordCount(essay.text);
  if (words < MIN_WORDS || words > MAX_WORDS) fail(`has ${words} words, needs ${MIN_WORDS}..${MAX_WORDS}`);
  if (essay.text.trim() !== essay.text) fail('text starts or ends with whitespace');
  if (essay.meta.theme.trim() === '') fail('meta.theme is empty');
  if (essay.experts.length < 2 || essay.experts.length > 3)
    fail(`has ${essay.experts.length} experts, needs 2..3`);
  return essay.experts.map((expert, i) => checkExpert(essay, expert, i));
}

/** Validates the whole collection, including id uniqueness. */
export function validateAll(essays: readonly SourceEssay[]): Map<string, Span[][]> {
  const spans = new Map<string, Span[][]>();
  for (const essay of essays) {
    if (spans.has(essay.id)) throw new DatasetSourceError('duplicate essay id', essay.id);
    spans.set(essay.id, validateEssay(essay));
  }
  return spans;
}
