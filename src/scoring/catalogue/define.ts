import type { CategoryKey, CodeEntry, Subject } from './types.js';

type Extra = Partial<Pick<CodeEntry, 'name' | 'caseSensitive' | 'usage' | 'category'>>;

function entry(
  kind: CodeEntry['kind'],
  code: string,
  criteria: readonly string[],
  description: string,
  extra: Extra,
): CodeEntry {
  const usage = extra.usage ?? (criteria.length > 0 ? 'rule' : 'declared');
  return { code, kind, criteria, description, usage, ...extra };
}

/** A meaning block; `usage` defaults to `rule` when some criterion reads it, else `declared`. */
export function block(
  code: string,
  criteria: readonly string[],
  description: string,
  extra: Extra = {},
): CodeEntry {
  return entry('block', code, criteria, description, extra);
}

/** An error code; `usage` defaults as for `block`. */
export function error(
  code: string,
  criteria: readonly string[],
  description: string,
  extra: Extra = {},
): CodeEntry {
  return entry('error', code, criteria, description, extra);
}

/** How one subject's rules read one error category. */
export interface CategoryEffect {
  readonly criteria: readonly string[];
  readonly effect: string;
}

/** What each subject file declares; `catalogue.ts` adds the common categories. */
export interface SubjectSpec {
  readonly subject: Subject;
  readonly title: string;
  readonly criteriaMax: readonly number[];
  readonly blocks: readonly CodeEntry[];
  readonly errors: readonly CodeEntry[];
  /**
  Categories this subject's catalogue includes, with their effect. `undefined` leaves the
  categories out of the catalogue (the English subjects have codes of their own).
  */
  readonly categories?: Readonly<Record<CategoryKey, CategoryEffect>>;
  /** PSR nomination mode's "logic" run for this subject (docs/scoring.md §4.7), canonical spellings. */
  readonly nominationLogic?: readonly string[];
}

/** A category no criterion of the subject reads (the processor still counts it). */
export const UNREAD: CategoryEffect = { criteria: [], effect: 'counted, but no criterion reads it' };
