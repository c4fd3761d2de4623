// Fixed tables of the official psr package (docs/scoring.md §2, §4.2, §4.5, §4.7).
import { SEMANTIC_BLOCKS as CATALOGUE_SEMANTIC_BLOCKS, nominationTypes } from '../catalogue/index.js';

/** Criteria maxima used by M1 (`psr:src/constants.ts`). (quirk) eng-free is 24 here, 14 in criteria. */
export const K_MAX: Readonly<Record<string, number>> = {
  rus: 24,
  'rus-free': 24,
  lit: 14,
  social: 6,
  hist: 12,
  eng: 14,
  'eng-free': 24,
};

/** `psr:src/glossary/semantic.ts`: blocks and errors are kept apart by a +4 loss (§4.3.3). From the catalogue. */
export const SEMANTIC_BLOCKS: ReadonlySet<string> = CATALOGUE_SEMANTIC_BLOCKS;

/**
Metric weights of `psr:src/regulator.ts`. M7's weight is decided per pair (0 or 1), so it is not here.
The divisor of MTotal counts the metrics with a non-zero weight, not the weights (§4.5).
*/
export const WEIGHTS = { M1: 1, M2: 2, M3: 1, M4: 1, M5: 1, M6: 0 } as const;

/** Nomination mode (§4.7): the selections each run keeps, per subject, lowercased (from the catalogue). */
export const NOMINATION_TYPES: Readonly<
  Record<string, { logic: ReadonlySet<string>; structure: ReadonlySet<string> }>
> = nominationTypes();
