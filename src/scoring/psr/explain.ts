// What `--explain` shows (docs/scoring.md §8.4): per pair, the matched fragments with J and L, and what stayed unmatched.
import type { PsrPairDetail } from './score.js';
import type { PsrMetrics, PsrSelection } from './types.js';

export interface FragmentView {
  /** Index in the markup's `selections` array. */
  index: number;
  type: string | null;
  start: number;
  end: number;
  /** The fragment's text, newlines flattened, shortened in the middle to at most `quoteLength` characters. */
  quote: string;
}

export interface PairExplanation {
  x: string;
  y: string;
  metrics: PsrMetrics;
  m7Weight: 0 | 1;
  /** Pairs of `match(X, Y, 'type')` in acceptance order. */
  matched: Array<{ x: FragmentView; y: FragmentView; j: number; l: number; exact: boolean }>;
  unmatchedX: FragmentView[];
  unmatchedY: FragmentView[];
}

export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  if (flat.length <= max) return flat;
  const head = Math.ceil((max - 1) / 2);
  const tail = max - 1 - head;
  return `${flat.slice(0, head)}…${tail > 0 ? flat.slice(flat.length - tail) : ''}`;
}

function view(
  text: string,
  selections: readonly PsrSelection[],
  index: number,
  quoteLength: number,
): FragmentView {
  const s = selections[index]!;
  return {
    index,
    type: s.type ?? null,
    start: s.startSelection,
    end: s.endSelection,
    quote: shorten(text.substring(s.startSelection, s.endSelection), quoteLength),
  };
}

export function explainPair(text: string, pair: PsrPairDetail, quoteLength = 40): PairExplanation {
  const xs = pair.x.selections;
  const ys = pair.y.selections;
  const typeMatch = pair.metrics.matches?.type;
  const usedX = new Set<number>();
  const usedY = new Set<number>();
  const matched = (typeMatch?.pairs ?? []).map((p) => {
    usedX.add(p.x);
    usedY.add(p.y);
    return {
      x: view(text, xs, p.x, quoteLength),
      y: view(text, ys, p.y, quoteLength),
      j: p.j,
      l: p.l,
      exact: p.exact,
    };
  });
  const rest = (sel: readonly PsrSelection[], used: Set<number>): FragmentView[] =>
    sel.flatMap((_, i) => (used.has(i) ? [] : [view(text, sel, i, quoteLength)]));
  return {
    x: pair.x.id,
    y: pair.y.id,
    metrics: pair.metrics.display,
    m7Weight: pair.metrics.m7Weight,
    matched,
    unmatchedX: rest(xs, usedX),
    unmatchedY: rest(ys, usedY),
  };
}
