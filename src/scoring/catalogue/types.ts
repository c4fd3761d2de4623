// The catalogue's plain data types. Kept free of imports so the criteria, PSR and essay-facing
// code can all depend on the catalogue without a cycle.

export const SUBJECTS = ['rus', 'rus-free', 'lit', 'social', 'hist', 'eng', 'eng-free'] as const;
export type Subject = (typeof SUBJECTS)[number];

/** The criteria package's error categories (docs/scoring.md §3.1.3); ошпункт and ошорф are always 0. */
export type CategoryKey = 'ошграм' | 'ошреч' | 'ошлог' | 'ошфакт' | 'ошэтич';

/** `block`: a meaning block (group `meaning`); `error`: an error remark (group `error`). */
export type CodeKind = 'block' | 'error';

/**
How the official code uses a code:
- `rule`: a criteria rule reads its count;
- `category`: it only counts towards an error category (Г./Р./Л./Ф./Э.);
- `declared`: the criteria processor declares it (count 0 by default), but no rule reads it;
- `nomination`: only PSR's nomination lists name it;
- `data`: seen in expert data only; nothing reads it.
*/
export type CodeUsage = 'rule' | 'category' | 'declared' | 'nomination' | 'data';

export interface CodeEntry {
  /** Canonical spelling (the prefix letters are Cyrillic); matching is case-insensitive. */
  readonly code: string;
  readonly kind: CodeKind;
  /** Criteria whose rule reads this code directly, e.g. `['K1']`; empty when none does. */
  readonly criteria: readonly string[];
  /** What the code does to the scores, in short. */
  readonly description: string;
  /** The Russian name, where docs/scoring.md gives one. */
  readonly name?: string;
  /** The error category the code counts towards. */
  readonly category?: CategoryKey;
  readonly usage: CodeUsage;
  /** (quirk: hist case-sensitive) the official history rules match only the lowercase raw type. */
  readonly caseSensitive?: true;
  /** Listed in PSR nomination mode's "logic" run (docs/scoring.md §4.7). */
  readonly nominationLogic?: true;
}

/** One error category as one subject scores it. */
export interface CategoryEntry {
  readonly key: CategoryKey;
  /** `Г.`, `Р.`, ... (Cyrillic); every code with this prefix counts towards the category. */
  readonly prefix: string;
  /** The name the regulations use (ошГрам, ...). */
  readonly name: string;
  readonly description: string;
  /** Criteria of this subject that read the category; empty when none does. */
  readonly criteria: readonly string[];
}

export interface SubjectCatalogue {
  readonly subject: Subject;
  readonly title: string;
  /** Maximum of K1..Kn, in order; the sum is the subject maximum. */
  readonly criteriaMax: readonly number[];
  readonly blocks: readonly CodeEntry[];
  /** The subject's own error codes, then the named category codes. */
  readonly errors: readonly CodeEntry[];
  readonly categories: readonly CategoryEntry[];
}
