// Minimal structural input types, so this module does not depend on the essay module:
// an Essay's plain data (or any object of the same shape) can be passed as it is.

import { CATALOGUE, SUBJECTS, subjectMax } from '../catalogue/index.js';
import type { Subject } from '../catalogue/index.js';

// Subjects and criterion counts come from the catalogue (docs/scoring.md §2–§3).
export { SUBJECTS, isSubject } from '../catalogue/index.js';
export type { Subject } from '../catalogue/index.js';

function perSubject(value: (subject: Subject) => number): Readonly<Record<Subject, number>> {
  return Object.fromEntries(SUBJECTS.map((s) => [s, value(s)])) as Record<Subject, number>;
}

/** Criteria maxima (docs/scoring.md §3): 24/24/14/6/12/14/14. eng-free is 14 here; PSR's K_MAX says 24 (§4.2). */
export const SUBJECT_MAX: Readonly<Record<Subject, number>> = perSubject(subjectMax);

/** Number of criteria K1..Kn per subject. */
export const SUBJECT_CRITERIA_COUNT: Readonly<Record<Subject, number>> = perSubject(
  (s) => CATALOGUE[s].criteriaMax.length,
);

export interface CriteriaSelectionInput {
  readonly type?: string | null;
  /** `''` means untagged; a missing or null tag counts as tagged (quirk, §3.1.2). */
  readonly tag?: string | null;
  readonly startSelection?: number;
  readonly endSelection?: number;
}

export interface CriteriaInput {
  readonly meta?: { readonly subject?: string | null } | null;
  readonly text?: string;
  /** Missing or null is treated as an empty markup, as the official package does. */
  readonly selections?: readonly CriteriaSelectionInput[] | null;
}

export interface CriteriaOptions {
  /** The official `run(true)`: word-count gates and K1=0 short-circuits (§3.2–§3.7). */
  webMode?: boolean;
  /** Attach the rule behind each K and the intermediate counts. */
  explain?: boolean;
  /**
  Reject offsets that are not integers with 0 ≤ start ≤ end ≤ text.length (end may be
  text.length + 1, which real expert files contain). The official package never checks
  offsets, so this is off by default.
  */
  checkOffsets?: boolean;
}

export type CriteriaValues = Readonly<Record<string, number>>;

/** Error categories of §3.1.3 (ошпункт and ошорф are always 0 in the contest). */
export interface Categories {
  readonly ошграм: number;
  readonly ошреч: number;
  readonly ошлог: number;
  readonly ошфакт: number;
  readonly ошэтич: number;
  readonly ошпункт: number;
  readonly ошорф: number;
}

export type DetailValue = number | boolean | string | null;

export interface CriteriaExplanation {
  readonly subject: Subject;
  readonly webMode: boolean;
  /** W(text) of §3.1.1. */
  readonly wordCount: number;
  /** Per-code counts N[c] as the rules see them (after the tag collapse), subject codes included at 0. */
  readonly counts: Readonly<Record<string, number>>;
  /** How many selections of each code there really are. */
  readonly trueCounts: Readonly<Record<string, number>>;
  /** Codes whose N[c] differs from the true count because of the tag quirk. */
  readonly collapsed: readonly string[];
  readonly categories: Categories;
  /** Set when a web-mode gate returned all zeros. */
  readonly gate?: string;
  /** K → the rule that set it. */
  readonly rules: Readonly<Record<string, string>>;
  /** Subject-specific intermediates (aspects, plan errors, roles, ...). */
  readonly details: Readonly<Record<string, DetailValue>>;
  /** K values before negative ones were clamped to 0. */
  readonly unclamped: CriteriaValues;
}

export interface CriteriaResult {
  readonly subject: Subject;
  /** K1..Kn in order. */
  readonly criteria: CriteriaValues;
  /** ΣK; the official package does not output it. */
  readonly total: number;
  readonly max: number;
  readonly explanation?: CriteriaExplanation;
}
