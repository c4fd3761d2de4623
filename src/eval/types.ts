// The files of one evaluation run (docs/eval.md): `summary.json` and the lines of `scores.jsonl`.
// Plain data only; the view and `eval compare` read runs through these types.
import type { PsrMetrics } from '../scoring/psr/index.js';

/** Bumped whenever a field changes meaning or disappears; readers refuse other versions with a clear message. */
export const RUN_FORMAT_VERSION = 1;
export const RUN_FORMAT = 'readable-eval-run';

/** File names inside a run folder `runs/{timestamp}-{name}/`. */
export const RUN_FILES = {
  summary: 'summary.json',
  scores: 'scores.jsonl',
  answers: 'answers',
} as const;

export type ScoringCompat = 'default' | 'official';

/** Mean accuracy figures over a set of essays. `null` when nothing could be averaged. */
export interface AccuracyStats {
  /** Essays with a score (status `scored`). */
  essays: number;
  /** Participant–expert pairs behind `MTotal`. */
  pairs: number;
  /** Mean participant STAR over the essays where it is a number. */
  STAR: number | null;
  /** Mean participant OTAR over the essays where it is a number. */
  OTAR: number | null;
  /** Mean MTotal over every participant–expert pair (an essay with more experts weighs more). */
  MTotal: number | null;
  /** Mean STER_AVG over the essays where it is a number: the experts' own agreement, the ceiling for STAR. */
  STER_AVG: number | null;
}

/** One criterion of one subject, our K (computed from our selections) against each expert's K. */
export interface CriterionStats {
  /** `K1` … */
  key: string;
  /** The criterion's maximum for the subject. */
  max: number;
  /** Essay × expert comparisons. */
  n: number;
  /** Mean |K_ours − K_expert|. */
  meanAbsDelta: number | null;
  /** Share (0–1) of comparisons where K_ours = K_expert. */
  exactRate: number | null;
  /** Mean K_ours − K_expert (positive: we give more). */
  meanDelta: number | null;
}

/**
Per markup type, from the PSR `type` matching of every participant–expert pair (docs/eval.md):
matched = expert fragments of this type paired with one of ours of the same type;
missed = expert fragments of this type not so paired (`retyped` of them were paired with one of ours of another type);
spurious = our fragments of this type paired with no expert fragment of this type.
*/
export interface TypeCounts {
  matched: number;
  missed: number;
  retyped: number;
  spurious: number;
}

export interface TypeStats extends TypeCounts {
  /** Type code as the catalogue spells it (matching is case-insensitive). */
  type: string;
  /** matched / (matched + spurious); `null` when both are 0. */
  precision: number | null;
  /** matched / (matched + missed); `null` when both are 0. */
  recall: number | null;
  /** Harmonic mean of precision and recall; `null` when either is `null`, 0 when both are 0. */
  f1: number | null;
}

export interface SubjectSummary extends AccuracyStats {
  subject: string;
  criteria: CriterionStats[];
  types: TypeStats[];
}

/** How an essay is named to a user: its file id, and its original name when the dataset was imported. */
export interface EssayRef {
  id: string;
  /** Original name (ids.json of an imported dataset); `null` when the id is the name. */
  name: string | null;
  subject: string;
  split: 'train' | 'test';
}

export interface WorstEssay extends EssayRef {
  MTotal: number;
  STAR: number | null;
  OTAR: number | null;
}

export type FailureStage = 'read' | 'markup' | 'check' | 'score';

export interface EssayFailure extends EssayRef {
  stage: FailureStage;
  message: string;
}

/** `summary.json`. */
export interface RunSummary {
  format: typeof RUN_FORMAT;
  version: typeof RUN_FORMAT_VERSION;
  /** Toolkit (package) version that wrote the run. */
  toolkit: string;
  name: string;
  /** ISO 8601. */
  startedAt: string;
  endedAt: string;
  /** `false` when the run was interrupted (Ctrl+C): the figures cover the essays done. */
  complete: boolean;
  dataset: {
    dir: string;
    split: 'train' | 'test' | 'all';
    subjects: string[] | null;
    limit: number | null;
    /** Essays selected for the run. */
    essays: number;
  };
  markup: {
    /** `demo`, `module`, `command`, `worker`, `http`, `llm`, `answers`, … */
    mode: string;
    /** The markup's own name (`command:python3 my.py`, `answers:/path`). */
    description: string;
  };
  scoring: {
    compat: ScoringCompat;
    /** Folder the M7 tables came from, or `null` (M7 = 0). */
    m7Tables: string | null;
  };
  /** `--deadline SEC`, or `null`. */
  deadlineSec: number | null;
  counts: {
    selected: number;
    scored: number;
    /** Markup threw, returned nothing usable, or the answer failed the strict check or scoring. */
    failed: number;
    /** Scored answers that took longer than `deadlineSec` (0 without a deadline). */
    late: number;
    /** Not attempted because the run was interrupted. */
    notRun: number;
  };
  overall: AccuracyStats & { types: TypeStats[] };
  subjects: SubjectSummary[];
  /** Lowest MTotal first, at most 10. */
  worst: WorstEssay[];
  failures: EssayFailure[];
  timing: {
    wallMs: number;
    /** Sum over essays of the markup's time. */
    markupMs: number;
    /** Sum over essays of the scoring time. */
    scoringMs: number;
  };
}

/** One participant–expert comparison of an essay. */
export interface ExpertScore {
  /** Expert markup id (`{id}_exp{N}`). */
  expert: string;
  metrics: PsrMetrics;
  /** The expert's K values as given in its file. */
  criteria: Record<string, number>;
}

/** One line of `scores.jsonl`, in completion order. */
export interface EssayScore extends EssayRef {
  status: 'scored' | 'failed';
  /** Present when `status` is `failed`. */
  failure?: { stage: FailureStage; message: string };
  words: number;
  /** Markup wall time in ms (`null` for `--answers`). */
  markupMs: number | null;
  late: boolean;
  STAR: number | null;
  OTAR: number | null;
  STER_AVG: number | null;
  /** Mean of the pair MTotals against each expert. */
  MTotal: number | null;
  /** Our K values, computed from our selections. */
  criteria: Record<string, number>;
  experts: ExpertScore[];
  /** Per type, summed over the experts (keys are catalogue spellings). */
  types: Record<string, TypeCounts>;
  /** Warnings of the strict check that did not stop scoring. */
  warnings: string[];
}
