// Selection matching `match(X, Y, metricKey)` of docs/scoring.md §4.3, reproduced step by step.
import { roundFixed } from '../words.js';
import { SEMANTIC_BLOCKS } from './constants.js';
import { PsrError } from './errors.js';
import type { PsrSelection } from './types.js';

/**
Most selections one markup may bring to matching. A real essay has tens, an expert's markup a few
hundred; past this the candidate pairs can run into the billions, so the input is refused at
once, naming the count and the limit, instead of after minutes.
*/
export const MAX_MATCH_SELECTIONS = 20_000;

/** Throws a `PsrError` when a markup has more selections than matching accepts. */
export function checkMatchSize(count: number, which: string): void {
  if (count > MAX_MATCH_SELECTIONS)
    throw new PsrError(
      `${which} has ${count} selections; PSR matching accepts at most ${MAX_MATCH_SELECTIONS} per markup`,
      'bad-selections',
      { field: 'selections' },
    );
}

export type MatchKey = 'type' | 'subtype' | 'correction';

export interface MatchedPair {
  /** Index into the X (computed) selection array as given, not into the filtered list. */
  x: number;
  /** Index into the Y (reference) selection array as given. */
  y: number;
  /** Distance J (§4.3.2), rounded to one decimal as the official code does. */
  j: number;
  /** Loss L (§4.3.3). */
  l: number;
  /** Accepted by the exact pass (§4.3.4) rather than by the Q search (§4.3.7). */
  exact: boolean;
}

export interface MatchResult {
  /** In acceptance order (§4.3.8). One X may appear several times; each Y at most once. */
  pairs: MatchedPair[];
  count: number;
}

interface Item {
  index: number;
  start: number;
  end: number;
  t: string;
  block: boolean;
}

/** §4.3.1: keep the selections whose `type` and `key` are both defined, in input order. */
export function matchable(selections: readonly PsrSelection[], key: MatchKey): number[] {
  const out: number[] = [];
  for (let i = 0; i < selections.length; i++) {
    const s = selections[i]!;
    if (s.type !== undefined && s[key] !== undefined) out.push(i);
  }
  return out;
}

function items(selections: readonly PsrSelection[], indices: readonly number[]): Item[] {
  return indices.map((index) => {
    const s = selections[index]!;
    const t = String(s.type).toLowerCase();
    return { index, start: s.startSelection, end: s.endSelection, t, block: SEMANTIC_BLOCKS.has(t) };
  });
}

/** J = round1(1 − |a∩b| / |a∪b|) over inclusive integer ranges; 1 when they do not overlap. */
export function distance(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  const lo = aStart > bStart ? aStart : bStart;
  const hi = aEnd < bEnd ? aEnd : bEnd;
  if (hi < lo) return 1;
  const c = hi - lo + 1;
  const u = Math.max(0, aEnd - aStart + 1) + Math.max(0, bEnd - bStart + 1) - c;
  return roundFixed(1 - c / u, 1);
}

/** L = J + [J=1] + [starts differ] + [types differ] + 4·[exactly one is a semantic block], summed in this order. */
function loss(j: number, a: Item, b: Item): number {
  return (
    j +
    (j === 1 ? 1 : 0) +
    (a.start !== b.start ? 1 : 0) +
    (a.t !== b.t ? 1 : 0) +
    4 * (a.block !== b.block ? 1 : 0)
  );
}

/** First index whose value is ≥ `v` in an ascending array. */
function lowerBound(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Edge {
  i: number;
  k: number;
  j: number;
  l: number;
}

/**
Matches X (computed) against Y (reference). Identical results to the naive reading of §4.3.7, but Q(A+[e])
is derived from a running sum and running distinct row/column counts instead of re-summing A per candidate.
The running sum is the same left fold in A order the naive version does, so the floats are bit-identical.
*/
export function matchSelections(
  x: readonly PsrSelection[],
  y: readonly PsrSelection[],
  key: MatchKey,
  indices?: { x: readonly number[]; y: readonly number[] },
): MatchResult {
  checkMatchSize(x.length, 'the computed markup');
  checkMatchSize(y.length, 'the reference markup');
  const lx = items(x, indices?.x ?? matchable(x, key));
  const ly = items(y, indices?.y ?? matchable(y, key));
  const n = lx.length;
  const m = ly.length;
  if (n === 0 || m === 0) return { pairs: [], count: 0 };

  // Only cells with J ≠ 1 can ever be accepted (L = 0 needs J = 0), so collect them once, row-major.
  // Y sorted by start, plus the longest Y span, bounds the overlapping columns of each row by binary search.
  const byStart = ly.map((_, k) => k).sort((p, q) => ly[p]!.start - ly[q]!.start || p - q);
  const sortedStarts = byStart.map((k) => ly[k]!.start);
  let longest = 0;
  for (const b of ly) longest = Math.max(longest, b.end - b.start);
  const cells: Edge[] = [];
  const row: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = lx[i]!;
    row.length = 0;
    for (let p = lowerBound(sortedStarts, a.start - longest); p < m && sortedStarts[p]! <= a.end; p++) {
      const k = byStart[p]!;
      if (ly[k]!.end >= a.start) row.push(k);
    }
    if (row.length > 1) row.sort((p, q) => p - q);
    for (const k of row) {
      const b = ly[k]!;
      const j = distance(a.start, a.end, b.start, b.end);
      if (j === 1) continue;
      cells.push({ i, k, j, l: loss(j, a, b) });
    }
  }

  const rowTaken = new Uint8Array(n);
  const colTaken = new Uint8Array(m);
  const accepted: Edge[] = [];
  for (const c of cells) {
    if (c.l === 0 && rowTaken[c.i] === 0 && colTaken[c.k] === 0) {
      rowTaken[c.i] = 1;
      colTaken[c.k] = 1;
      accepted.push(c);
    }
  }
  const exactCount = accepted.length;

  const edges = cells.filter((c) => rowTaken[c.i] === 0 && colTaken[c.k] === 0);
  const groupOf = new Map<number, Edge[]>();
  const groups: Edge[][] = [];
  const rowsInE = new Set<number>();
  for (const e of edges) {
    rowsInE.add(e.i);
    let g = groupOf.get(e.k);
    if (!g) {
      g = [];
      groupOf.set(e.k, g);
      groups.push(g);
    }
    g.push(e);
  }
  const R = rowsInE.size;
  const C = groups.length;
  groups.sort((a, b) => a.length - b.length); // Array#sort is stable.

  // (quirk) Exact pairs are in the distinct sets of A but not in R/C, which lowers Q by 2 per exact pair.
  const rowInA = new Uint8Array(n);
  let rowsA = 0;
  for (const p of accepted) {
    if (rowInA[p.i] === 0) {
      rowInA[p.i] = 1;
      rowsA++;
    }
  }
  let colsA = exactCount; // exact pairs have distinct columns
  let sum = 0;
  for (const p of accepted) sum += p.l;
  let qMin = R + C;
  for (const g of groups) {
    let best: Edge | undefined;
    let bestQ = Infinity;
    for (const e of g) {
      const rows = rowsA + (rowInA[e.i] === 0 ? 1 : 0);
      const cols = colsA + 1; // each group is one column, never in A yet
      const q = sum + e.l + (R - rows) + (C - cols);
      if (q < bestQ) {
        bestQ = q;
        best = e;
      }
    }
    if (best && bestQ < qMin) {
      accepted.push(best);
      sum += best.l;
      if (rowInA[best.i] === 0) {
        rowInA[best.i] = 1;
        rowsA++;
      }
      colsA++;
      qMin = bestQ;
    }
  }

  const pairs = accepted.map((p, idx) => ({
    x: lx[p.i]!.index,
    y: ly[p.k]!.index,
    j: p.j,
    l: p.l,
    exact: idx < exactCount,
  }));
  return { pairs, count: pairs.length };
}
