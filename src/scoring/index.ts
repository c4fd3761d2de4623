// The scoring surface: criteria and PSR are pure functions; `input` reads essay files for them.
// Both submodules have a `formatExplanation`, so they are exported under their namespaces too.
export * as criteria from './criteria/index.js';
export * as psr from './psr/index.js';
export * as catalogue from './catalogue/index.js';
export {
  CATALOGUE,
  catalogueFor,
  codesFor,
  lookupCode,
  isKnownCode,
  canonicalCode,
  formatCatalogue,
} from './catalogue/index.js';
export type {
  CodeEntry,
  CategoryEntry,
  SubjectCatalogue,
  CodeKind,
  CodeUsage,
  CategoryKey,
} from './catalogue/index.js';
export { computeCriteria, appointThirdExpert, CriteriaError, SUBJECT_MAX } from './criteria/index.js';
export type { CriteriaInput, CriteriaResult, CriteriaOptions } from './criteria/index.js';
export { scorePsr, scoreNomination, loadM7Tables, PsrError, K_MAX } from './psr/index.js';
export type { PsrInput, PsrResult, NominationResult, M7Tables } from './psr/index.js';
export * from './input/index.js';
export { wordCount, roundFixed } from './words.js';
export { scoreAnswer, scoreSession } from './answer-score.js';
export type { AnswerScore, SessionScore } from './answer-score.js';
