import type { Subject } from './types.js';
import { CATALOGUE, SUBJECTS as CATALOGUE_SUBJECTS } from '../../src/scoring/catalogue/index.js';

// The code lists live in the toolkit's catalogue (src/scoring/catalogue, docs/scoring.md §2). The
// builder demands its canonical spellings (`canonicalCode(...) === type`, not just a
// case-insensitive match) because the history processor links roles and causes case-sensitively.
// SEMANTIC_BLOCKS: the blocks PSR treats as "semantic"; they must carry group `meaning`.
// canonicalCode: the catalogue spelling of a type, `Э.<word>` accepted where the categories are.
export {
  SEMANTIC_BLOCKS,
  canonicalCode,
  isSemanticBlock,
  isSubject,
} from '../../src/scoring/catalogue/index.js';

export const SUBJECTS: readonly Subject[] = CATALOGUE_SUBJECTS;

/** Per-criterion maxima, K1 first (docs/scoring.md §3); their sums are the subject maxima 24/24/14/6/12/14/14. */
export const CRITERIA_MAX: Record<Subject, readonly number[]> = Object.fromEntries(
  SUBJECTS.map((s) => [s, CATALOGUE[s].criteriaMax]),
) as Record<Subject, readonly number[]>;

export function languageOf(subject: Subject): 'rus' | 'eng' {
  return subject === 'eng' || subject === 'eng-free' ? 'eng' : 'rus';
}
