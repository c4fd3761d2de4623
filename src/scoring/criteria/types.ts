// Minimal structural input types, so this module does not depend on the essay module:
// an Essay's plain data (or any object of the same shape) can be passed as it is.

export const SUBJECTS = ['rus', 'rus-free', 'lit', 'social', 'hist', 'eng', 'eng-free'] as const;
export type Subject = (typeof SUBJECTS)[number];

/** Criteria maxima (scoring.md §3). eng-free is 14 here; PSR's K_MAX says 24 (§4.2). */
export const SUBJECT_MAX: Readonly<Record<Subject, number>> = {
  rus: 24,
  'rus-free': 24,
  lit: 14,
  social: 6,
  hist: 12,
  eng: 14,
  'eng-free': 14,
};

/** Number of criteria K1..Kn per subject. */
export const SUBJECT_CRITERIA_COUNT: Readonly<Record<Subject, number>> = {
  rus: 12,
  'rus-free': 7,
  lit: 5,
  social: 4,
  hist: 7,
  eng: 5,
  'eng-free': 5,
};

export function isSubject(value: unknown): value is Subject {
  return typeof value === 'string' && (SUBJECTS as readonly string[]).includes(value);
}

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
