import type { SourceSelection } from './types.js';

// Short constructors that keep the hand-written markups of part A readable.

type Extra = Partial<Omit<SourceSelection, 'quote' | 'type' | 'group'>>;

/** A meaning block over `quote`. */
export function m(quote: string, type: string, extra: Extra = {}): SourceSelection {
  return { quote, type, group: 'meaning', ...extra };
}

/** An error over `quote` with the expert's comment and, when there is one, the corrected form. */
export function e(
  quote: string,
  type: string,
  comment: string,
  correction = '',
  extra: Extra = {},
): SourceSelection {
  return { quote, type, group: 'error', comment, correction, ...extra };
}

/** A whole-text remark (offsets 0..0). */
export function whole(type: string, comment: string, extra: Extra = {}): SourceSelection {
  return { quote: '', whole: true, type, group: 'error', comment, ...extra };
}

/** Criteria K1..Kn from the values in order. */
export function k(...values: number[]): Record<string, number> {
  return Object.fromEntries(values.map((v, i) => [`K${i + 1}`, v]));
}
