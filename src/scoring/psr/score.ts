// MetricService in normal mode: pairing (docs/scoring.md §4.1), per-markup accuracy STAR/STER, STER_AVG and OTAR (§4.6).
import { roundFixed } from '../words.js';
import { NO_M7_TABLES } from './m7.js';
import type { M7Tables } from './m7.js';
import { pairMetrics } from './metrics.js';
import type { PairContext, PairMetrics, PsrCompat } from './metrics.js';
import type { PsrInput, PsrMarkup, PsrMarkupResult, PsrMatching, PsrResult } from './types.js';
import { validatePsrInput } from './validate.js';

export interface PsrOptions {
  /** M7 tables (see `loadM7Tables`); without them M7 = 0 and its weight is 0 for every pair. */
  m7Tables?: M7Tables;
  /**
  `official` reproduces `@upgreat-readable/psr` 1.9.0 exactly: the M7 weight is carried across the pairs of this
  call in the package's order (starting at 1, as in a fresh process), and M7 is shown unrounded.
  */
  compat?: PsrCompat;
}

/** One comparison X (computed) vs Y (reference), with the metrics and matchings behind it. */
export interface PsrPairDetail {
  x: PsrMarkup;
  y: PsrMarkup;
  metrics: PairMetrics;
}

export interface PsrDetailedResult {
  result: PsrResult;
  pairs: PsrPairDetail[];
}

/**
§4.1: every markup X, in input order, against every other markup Y with a truthy `isExpert`, in input order.
Participants are never references, so experts are compared with each other in both directions.
*/
export function pairUp(markups: readonly PsrMarkup[]): Array<[PsrMarkup, PsrMarkup]> {
  const out: Array<[PsrMarkup, PsrMarkup]> = [];
  for (const x of markups) for (const y of markups) if (y !== x && y.isExpert) out.push([x, y]);
  return out;
}

/** `toFixed(2)` of a mean; the official JSON turns the NaN of an empty mean into `null`. */
function meanFixed(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return roundFixed(sum / values.length, 2);
}

/** Scores one essay: pure and deterministic (no state survives between calls). */
export function scorePsr(input: PsrInput, options: PsrOptions = {}): PsrResult {
  return scorePsrDetailed(input, options).result;
}

export function scorePsrDetailed(input: PsrInput, options: PsrOptions = {}): PsrDetailedResult {
  validatePsrInput(input, 'normal');
  const { essay } = input;
  const ctx: PairContext = {
    essayId: essay.id,
    subject: essay.meta.subject,
    text: essay.text,
    tables: options.m7Tables ?? NO_M7_TABLES,
    words: new Map(),
    compat: options.compat ?? 'default',
  };
  let carried: 0 | 1 = 1;
  const notes: string[] = [];
  const pairs: PsrPairDetail[] = [];
  const markups: PsrMarkupResult[] = essay.markups.map((x) => {
    const matching: PsrMatching[] = [];
    for (const y of essay.markups) {
      if (y === x || !y.isExpert) continue;
      const metrics = pairMetrics(ctx, x, y, carried);
      carried = metrics.m7Weight;
      pairs.push({ x, y, metrics });
      matching.push({ markupId: y.id, metrics: metrics.display, third: y.third === true });
      if (x.selections.length === 0 && y.selections.length === 0)
        notes.push(
          `${x.id} vs ${y.id}: both markups are empty, so M2..M6 count as 1 (M3 is shown as 0, official quirk) ` +
            `and the M7 weight is ${metrics.m7Weight}, ` +
            (ctx.compat === 'official'
              ? 'carried from the previous pair of this call (official package).'
              : 'decided from the essay id (the official package reuses the weight of whatever pair it scored before).'),
        );
    }
    const isExp = x.isExpert === true;
    const acc = meanFixed(matching.map((m) => m.metrics.MTotal));
    return { id: x.id, matching, STAR: isExp ? 0 : acc, STER: isExp ? acc : 0, OTAR: 0, isExp };
  });

  // NaN (here null) counts as "≠ 0", exactly as in the official filter.
  const sters = markups.filter((m) => m.STER !== 0).map((m) => m.STER);
  const expertMean = sters.some((s) => s === null)
    ? null
    : sters.length === 0
      ? null
      : (sters as number[]).reduce((a, b) => a + b, 0) / sters.length;
  const STER_AVG = sters.length === 0 ? 0 : expertMean === null ? null : roundFixed(expertMean, 2);
  for (const m of markups) {
    if (m.isExp) {
      if (m.STER === null)
        notes.push(
          `${m.id}: STER is null because no other expert markup was there to compare it with ` +
            '(the official package divides 0 by 0 and its JSON shows null).',
        );
      continue;
    }
    if (m.STAR === null) {
      m.OTAR = null;
      notes.push(`${m.id}: STAR and OTAR are null because there is no expert markup to compare it with.`);
    } else if (m.STAR !== 0) {
      const otar = expertMean === null ? null : (m.STAR / expertMean) * 100;
      m.OTAR =
        otar === null || !Number.isFinite(otar) ? null : Number.isInteger(otar) ? otar : roundFixed(otar, 2);
      if (m.OTAR === null)
        notes.push(`${m.id}: OTAR is null because no expert has a STER (it needs at least two experts).`);
    }
  }
  if (STER_AVG === null) notes.push('STER_AVG is null because some expert has no STER (a single expert).');
  return { result: { markups, STER_AVG, essayId: essay.id, notes }, pairs };
}
