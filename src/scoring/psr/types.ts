// Plain data types of the PSR envelope (docs/scoring.md §1.5) and of its results (§4.6, §4.7).

/** One fragment as PSR reads it; unknown keys (`id`, `group`, `tag`, …) are carried along untouched. */
export interface PsrSelection {
  startSelection: number;
  endSelection: number;
  /** A missing `type` drops the selection from matching but it still counts in M2's denominator (§4.3.1). */
  type?: string;
  /** A missing `subtype` drops the selection from M4/M5 matching (§4.3.1). */
  subtype?: string;
  /** A missing `correction` drops the selection from M6 matching (§4.3.1). */
  correction?: string;
  [key: string]: unknown;
}

export interface PsrMarkup {
  id: string;
  /** Missing or false: a participant ("algorithmic") markup. */
  isExpert?: boolean;
  third?: boolean;
  criteria: Record<string, number>;
  selections: PsrSelection[];
}

export interface PsrEssay {
  id: string;
  meta: { subject: string; [key: string]: unknown };
  text: string;
  markups: PsrMarkup[];
}

export interface PsrInput {
  essay: PsrEssay;
}

/** Display values (×100, rounded as §4.4 says); these are what the official JSON carries. */
export interface PsrMetrics {
  M1: number;
  M2: number;
  M3: number;
  M4: number;
  M5: number;
  M6: number;
  M7: number;
  MTotal: number;
}

export type MetricName = keyof PsrMetrics;

/** The same metrics as fractions, before any rounding (MTotal can reach 1.2, §4.5). */
export type PsrRawMetrics = PsrMetrics;

export interface PsrMatching {
  /** Id of the reference (expert) markup Y. */
  markupId: string;
  metrics: PsrMetrics;
  third: boolean;
}

export interface PsrMarkupResult {
  id: string;
  matching: PsrMatching[];
  /** Participant accuracy; `null` where the official JSON has NaN (no experts). */
  STAR: number | null;
  /** Expert accuracy; `null` where the official JSON has NaN (a single expert). */
  STER: number | null;
  OTAR: number | null;
  isExp: boolean;
}

/** The official `MetricService` result (§4.6) plus `notes` explaining every `null`. */
export interface PsrResult {
  markups: PsrMarkupResult[];
  STER_AVG: number | null;
  essayId: string;
  /** Why a value is `null` or differs from what the official package would print. Empty when nothing to say. */
  notes: string[];
}

export type NominationType = 'logic' | 'structure';

export interface NominationMarkupResult {
  id: string;
  matching: PsrMatching[];
  isExp: false;
  STAR: number | null;
}

export interface NominationResult {
  /** `{}` when the input has no participant markup (as the official). */
  markup: NominationMarkupResult | Record<string, never>;
  essayId: string;
  type: NominationType;
}
