// Metrics of one comparison X (computed) vs Y (reference): docs/scoring.md §4.4, §4.5 and the nomination variant §4.7.
import { roundFixed, wordCount } from '../words.js';
import { K_MAX, WEIGHTS } from './constants.js';
import { m7Value, m7ValueOfficial, m7Weight } from './m7.js';
import type { M7Tables } from './m7.js';
import { matchable, matchSelections } from './match.js';
import type { MatchKey, MatchResult } from './match.js';
import type { PsrMarkup, PsrMetrics, PsrRawMetrics, PsrSelection } from './types.js';

export interface PairContext {
  essayId: string;
  subject: string;
  text: string;
  tables: M7Tables;
  /**
  W(text.substring(a, b)) keyed by the two offsets, shared by the pairs of one scoring call (the same spans
  recur across markups). Created per call, never global.
  */
  words?: Map<number, number>;
  /**
  `official`: the M7 weight of a pair with an empty side is the one left by the previous pair of the call
  (`carriedWeight`), and M7 is shown unrounded, as `@upgreat-readable/psr` 1.9.0 does (src/scoring/psr/README.md).
  */
  compat?: PsrCompat;
}

/** `default`: deterministic (no carried state); `official`: the published package's numbers, quirks included. */
export type PsrCompat = 'default' | 'official';

export interface PairMetrics {
  /** Unrounded fractions (MTotal up to 1.2). */
  raw: PsrRawMetrics;
  /** What the official JSON shows (×100, §4.4 rounding and quirks). */
  display: PsrMetrics;
  m7Weight: 0 | 1;
  /** The three matchings the metrics were computed from; absent when either side has no selections. */
  matches?: Record<MatchKey, MatchResult>;
}

export function criteriaSum(criteria: Record<string, number>): number {
  let sum = 0;
  for (const v of Object.values(criteria)) sum += v;
  return sum;
}

/** M1 = 1 − |ΣK_X − ΣK_Y| / K_MAX[subject]; the inputs were validated against K_MAX beforehand. */
export function m1(x: PsrMarkup, y: PsrMarkup, subject: string): number {
  const max = K_MAX[subject]!;
  return Math.min(1, 1 - Math.abs(criteriaSum(x.criteria) - criteriaSum(y.criteria)) / max);
}

/** Runs match() for type, subtype and correction, reusing the type matching when no selection is dropped. */
export function matchAll(
  x: readonly PsrSelection[],
  y: readonly PsrSelection[],
): Record<MatchKey, MatchResult> {
  const ix = matchable(x, 'type');
  const iy = matchable(y, 'type');
  const byType = matchSelections(x, y, 'type', { x: ix, y: iy });
  const other = (key: MatchKey): MatchResult => {
    const kx = matchable(x, key);
    const ky = matchable(y, key);
    // The loss never reads the metric key, so equal filtered lists give the very same matching.
    return kx.length === ix.length && ky.length === iy.length
      ? byType
      : matchSelections(x, y, key, { x: kx, y: ky });
  };
  return { type: byType, subtype: other('subtype'), correction: other('correction') };
}

function lower(v: unknown): string {
  return String(v).toLowerCase();
}

function share(
  x: readonly PsrSelection[],
  y: readonly PsrSelection[],
  r: MatchResult,
  key: MatchKey,
): number {
  if (r.count === 0) return 0;
  let equal = 0;
  for (const p of r.pairs) if (lower(x[p.x]![key]) === lower(y[p.y]![key])) equal++;
  return equal / r.count;
}

/** M4/M6 are 0 unless both sides have a `key` that is not `''` (a missing one counts as present). */
function keyedShare(
  x: readonly PsrSelection[],
  y: readonly PsrSelection[],
  r: MatchResult,
  key: MatchKey,
): number {
  const has = (s: readonly PsrSelection[]): boolean => s.some((sel) => sel[key] !== '');
  return has(x) && has(y) ? share(x, y, r, key) : 0;
}

function wordsBetween(
  text: string,
  from: number,
  to: number,
  cache: Map<number, number> | undefined,
): number {
  if (!cache) return wordCount(text.substring(from, to));
  // Offsets of validated input lie in [0, text.length]; the +1 keeps a stray -1 apart too.
  const key = (from + 1) * (text.length + 2) + (to + 1);
  let w = cache.get(key);
  if (w === undefined) {
    w = wordCount(text.substring(from, to));
    cache.set(key, w);
  }
  return w;
}

function spanPrecision(
  text: string,
  x: readonly PsrSelection[],
  y: readonly PsrSelection[],
  r: MatchResult,
  cache: Map<number, number> | undefined,
): number {
  if (r.count === 0) return 0;
  let total = 0;
  for (const p of r.pairs) {
    const a = x[p.x]!;
    const b = y[p.y]!;
    const cw = wordsBetween(
      text,
      Math.max(a.startSelection, b.startSelection),
      Math.min(a.endSelection, b.endSelection),
      cache,
    );
    const dw = wordsBetween(
      text,
      Math.min(a.startSelection, b.startSelection),
      Math.max(a.endSelection, b.endSelection),
      cache,
    );
    total += cw === 0 || dw === 0 ? 0 : cw / dw;
  }
  return total / r.count;
}

interface SelectionMetrics {
  M2: number;
  M3: number;
  M4: number;
  M5: number;
  M6: number;
  matches: Record<MatchKey, MatchResult>;
}

function selectionMetrics(
  text: string,
  x: readonly PsrSelection[],
  y: readonly PsrSelection[],
  cache?: Map<number, number>,
): SelectionMetrics {
  const matches = matchAll(x, y);
  return {
    M2: Math.min(1, (2 * matches.type.count) / (x.length + y.length)),
    M3: Math.min(1, share(x, y, matches.type, 'type')),
    M4: Math.min(1, keyedShare(x, y, matches.subtype, 'subtype')),
    M5: Math.min(1, spanPrecision(text, x, y, matches.subtype, cache)),
    M6: Math.min(1, keyedShare(x, y, matches.correction, 'correction')),
    matches,
  };
}

function pct(m: number): number {
  return Number.isInteger(m) ? m * 100 : roundFixed(m * 100, 2);
}

function display(raw: PsrRawMetrics, bothEmpty: boolean): PsrMetrics {
  return {
    M1: pct(raw.M1),
    M2: pct(raw.M2),
    // (quirk) shown as 0 when both markups are empty although M3 = 1 counts in MTotal.
    M3: bothEmpty ? 0 : pct(raw.M3),
    M4: pct(raw.M4),
    // (quirk) the official code tests M4, not M6, to decide whether to round: long floats leak out.
    M5: pct(raw.M5),
    M6: Number.isInteger(raw.M4) ? raw.M6 * 100 : roundFixed(raw.M6 * 100, 2),
    M7: pct(raw.M7),
    MTotal: roundFixed(raw.MTotal * 100, 2),
  };
}

/** Normal mode, §4.4–4.5. X = computed markup, Y = reference (an expert). */
export function pairMetrics(
  ctx: PairContext,
  x: PsrMarkup,
  y: PsrMarkup,
  carriedWeight: 0 | 1 = 1,
): PairMetrics {
  const official = ctx.compat === 'official';
  const M1 = m1(x, y, ctx.subject);
  const nx = x.selections.length;
  const ny = y.selections.length;
  // (quirk, official only) the weight is a module singleton set only when both markups have selections.
  const weight7 = official && (nx === 0 || ny === 0) ? carriedWeight : m7Weight(ctx.tables, ctx.essayId);
  let sel: Omit<SelectionMetrics, 'matches'> & { matches?: SelectionMetrics['matches'] };
  let M7 = 0;
  if (nx === 0 || ny === 0) {
    // Both empty: M2..M6 = 1; one empty: 0. M7 is not computed in either case (§4.4).
    const v = nx === 0 && ny === 0 ? 1 : 0;
    sel = { M2: v, M3: v, M4: v, M5: v, M6: v };
  } else {
    sel = selectionMetrics(ctx.text, x.selections, y.selections, ctx.words);
    M7 = official
      ? m7ValueOfficial(ctx.tables, x.id, x.isExpert === true)
      : Math.min(1, m7Value(ctx.tables, x.id, x.isExpert === true));
  }
  const weighted =
    WEIGHTS.M1 * M1 +
    WEIGHTS.M2 * sel.M2 +
    WEIGHTS.M3 * sel.M3 +
    WEIGHTS.M4 * sel.M4 +
    WEIGHTS.M5 * sel.M5 +
    WEIGHTS.M6 * sel.M6 +
    weight7 * M7;
  const divisor = 5 + weight7; // metrics with a non-zero weight: M1..M5 (+ M7)
  const raw: PsrRawMetrics = {
    M1,
    M2: sel.M2,
    M3: sel.M3,
    M4: sel.M4,
    M5: sel.M5,
    M6: sel.M6,
    M7,
    MTotal: weighted / divisor,
  };
  const shown = display(raw, nx === 0 && ny === 0);
  // (quirk, official only) M7 is shown as mX7 × 100 without rounding: 0.56 × 100 = 56.00000000000001.
  if (official) shown.M7 = M7 * 100;
  const out: PairMetrics = { raw, display: shown, m7Weight: weight7 };
  if (sel.matches) out.matches = sel.matches;
  return out;
}

/** Nomination mode, §4.7: M1 = M6 = M7 = 0, either side empty → M2..M5 = 0, MTotal = (2·M2+M3+M4+M5)/4. */
export function nominationPairMetrics(ctx: PairContext, x: PsrMarkup, y: PsrMarkup): PairMetrics {
  const empty = x.selections.length === 0 || y.selections.length === 0;
  const sel = empty ? undefined : selectionMetrics(ctx.text, x.selections, y.selections, ctx.words);
  const raw: PsrRawMetrics = {
    M1: 0,
    M2: sel?.M2 ?? 0,
    M3: sel?.M3 ?? 0,
    M4: sel?.M4 ?? 0,
    M5: sel?.M5 ?? 0,
    M6: 0,
    M7: 0,
    MTotal: 0,
  };
  raw.MTotal = (2 * raw.M2 + raw.M3 + raw.M4 + raw.M5) / 4;
  const out: PairMetrics = { raw, display: display(raw, false), m7Weight: 0 };
  if (sel) out.matches = sel.matches;
  return out;
}
