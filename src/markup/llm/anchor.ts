/** Where a quote was found in the essay text (UTF-16 offsets, end exclusive). */
export interface Anchor {
  start: number;
  end: number;
  how: 'exact' | 'normalised' | 'fuzzy';
}

/** Fuzzy matching runs only below these sizes (its cost is quote × text). */
const FUZZY_MAX_QUOTE = 300;
const FUZZY_MAX_TEXT = 30_000;
/** Edits allowed per quote character in a fuzzy match. */
const FUZZY_RATE = 0.15;

const QUOTES = /[«»“”„‟"'‘’‚‛]/g;
const DASHES = /[‐‑‒–—―−-]/g;

/** One normalised character per source character, so a match maps back to the original offsets. */
function normaliseChar(ch: string): string {
  if (/\s/.test(ch)) return ' ';
  const lower = ch.toLowerCase();
  if (lower === 'ё') return 'е';
  if (QUOTES.test(lower)) {
    QUOTES.lastIndex = 0;
    return '"';
  }
  if (DASHES.test(lower)) {
    DASHES.lastIndex = 0;
    return '-';
  }
  return lower.length === 1 ? lower : ch;
}

/** The text with whitespace runs collapsed and quotes, dashes, ё and case folded; `map[i]` is the source index. */
function normalise(text: string): { value: string; map: number[] } {
  let value = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = normaliseChar(text[i]!);
    if (ch === ' ' && value.endsWith(' ')) continue;
    value += ch;
    map.push(i);
  }
  map.push(text.length);
  return { value, map };
}

/**
Finds quotes in one essay text: exact, then normalised (whitespace, quotes, dashes, ё/е, case),
then a bounded fuzzy match. A quote given n times takes its n-th occurrence, so repeats are
anchored deterministically and never twice to the same place.
*/
export class Anchorer {
  readonly #text: string;
  readonly #normal: { value: string; map: number[] };
  readonly #seen = new Map<string, number>();

  constructor(text: string) {
    this.#text = text;
    this.#normal = normalise(text);
  }

  find(quote: string): Anchor | undefined {
    const trimmed = quote.trim();
    if (trimmed === '') return undefined;
    const nth = this.#seen.get(trimmed) ?? 0;
    this.#seen.set(trimmed, nth + 1);
    const exact = nthIndex(this.#text, trimmed, nth);
    if (exact !== -1) return { start: exact, end: exact + trimmed.length, how: 'exact' };
    const q = normalise(trimmed).value.trim();
    const at = nthIndex(this.#normal.value, q, nth);
    if (at !== -1) return this.#back(at, at + q.length, 'normalised');
    if (q.length > FUZZY_MAX_QUOTE || this.#normal.value.length > FUZZY_MAX_TEXT || nth > 0) return undefined;
    const fuzzy = bestApproximate(this.#normal.value, q, Math.floor(q.length * FUZZY_RATE));
    return fuzzy === undefined ? undefined : this.#back(fuzzy.start, fuzzy.end, 'fuzzy');
  }

  #back(start: number, end: number, how: Anchor['how']): Anchor {
    const map = this.#normal.map;
    const from = map[start]!;
    const to = end > 0 ? map[end - 1]! + 1 : from;
    return { start: from, end: Math.max(to, from), how };
  }
}

function nthIndex(text: string, part: string, nth: number): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(part, at + 1);
    if (at === -1) return -1;
  }
  return at;
}

/**
The substring of `text` closest to `pattern` in edit distance, if within `limit` edits (Sellers'
algorithm: a Levenshtein table whose first row is free, so a match may start anywhere). Ties go to
the earliest end.
*/
function bestApproximate(
  text: string,
  pattern: string,
  limit: number,
): { start: number; end: number } | undefined {
  const m = pattern.length;
  if (m === 0 || limit < 1) return undefined;
  let cost = new Array<number>(m + 1);
  let from = new Array<number>(m + 1);
  let best: { distance: number; start: number; end: number } | undefined;
  for (let i = 0; i <= m; i++) {
    cost[i] = i;
    from[i] = 0;
  }
  for (let j = 1; j <= text.length; j++) {
    const nextCost = new Array<number>(m + 1);
    const nextFrom = new Array<number>(m + 1);
    nextCost[0] = 0;
    nextFrom[0] = j;
    for (let i = 1; i <= m; i++) {
      const substitute = cost[i - 1]! + (pattern[i - 1] === text[j - 1] ? 0 : 1);
      const skipText = cost[i]! + 1;
      const skipPattern = nextCost[i - 1]! + 1;
      if (substitute <= skipText && substitute <= skipPattern) {
        nextCost[i] = substitute;
        nextFrom[i] = from[i - 1]!;
      } else if (skipText <= skipPattern) {
        nextCost[i] = skipText;
        nextFrom[i] = from[i]!;
      } else {
        nextCost[i] = skipPattern;
        nextFrom[i] = nextFrom[i - 1]!;
      }
    }
    cost = nextCost;
    from = nextFrom;
    const distance = cost[m]!;
    if (distance <= limit && (best === undefined || distance < best.distance))
      best = { distance, start: from[m]!, end: j };
  }
  return best && { start: best.start, end: best.end };
}
