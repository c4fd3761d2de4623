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
