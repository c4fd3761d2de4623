// Offline evaluation of a markup over a dataset (docs/eval.md).
export { RUN_FORMAT, RUN_FORMAT_VERSION, RUN_FILES } from './types.js';
export type {
  ScoringCompat,
  AccuracyStats,
  CriterionStats,
  TypeCounts,
  TypeStats,
  SubjectSummary,
  EssayRef,
  WorstEssay,
  FailureStage,
  EssayFailure,
  RunSummary,
  ExpertScore,
  EssayScore,
} from './types.js';
export { scoreEssay, failedScore, EssayScoreError } from './score-essay.js';
export type { ScoreEssayInput } from './score-essay.js';
export {
  accuracy,
  typeStats,
  criterionStats,
  subjectSummaries,
  worstEssays,
  summarize,
} from './aggregate.js';
export type { RunHeader } from './aggregate.js';
export { markupSource, answersDirSource } from './sources.js';
export type { AnswerSource, Answer, AnswerContext } from './sources.js';
export { runEval, selectEntries, localScorer } from './run.js';
export type { EvalOptions, EvalResult, Scorer } from './run.js';
export { readRun, RunReadError } from './read-run.js';
export type { LoadedRun } from './read-run.js';
export { compareRuns, formatComparison } from './compare.js';
export type { RunComparison, Delta } from './compare.js';
export { formatRun, essayLabel } from './format.js';
export type { FormatRunOptions } from './format.js';
export { createScorePool } from './pool.js';
export type { ScorePool } from './pool.js';
