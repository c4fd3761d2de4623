// Scoring, offline and in the local platform (package entry `readable-baseline/scoring`): the
// criteria scores, PSR against expert markups, the code catalogue and the file-level helpers.
// One flat list: each name once. The two explanation formatters are named after their scoring.
// The essay subjects (`SUBJECTS`, `Subject`) are the essay module's, in the package root.

export {
  CATALOGUE,
  ERROR_CATEGORIES,
  SEMANTIC_BLOCKS,
  catalogueFor,
  codesFor,
  lookupCode,
  isKnownCode,
  canonicalCode,
  isSemanticBlock,
  predefinedCodes,
  nominationTypes,
  subjectMax,
  formatCatalogue,
} from './catalogue/index.js';
export type {
  CategoryInfo,
  CodeEntry,
  CategoryEntry,
  SubjectCatalogue,
  CodeKind,
  CodeUsage,
  CategoryKey,
} from './catalogue/index.js';

export {
  computeCriteria,
  appointThirdExpert,
  tallyCodes,
  formatCriteriaLine,
  formatExplanation as formatCriteriaExplanation,
  CriteriaError,
  SUBJECT_MAX,
  SUBJECT_CRITERIA_COUNT,
} from './criteria/index.js';
export type {
  AppointmentInput,
  AppointmentResult,
  Tally,
  CriteriaErrorCode,
  CriteriaErrorContext,
  Categories,
  CriteriaExplanation,
  CriteriaInput,
  CriteriaOptions,
  CriteriaResult,
  CriteriaSelectionInput,
  CriteriaValues,
  DetailValue,
} from './criteria/index.js';

export {
  scorePsr,
  scorePsrDetailed,
  scoreNomination,
  scoreNominationDetailed,
  validatePsrInput,
  explainPair,
  formatPsrResult,
  formatNomination,
  formatExplanation as formatPsrExplanation,
  loadM7Tables,
  createM7Tables,
  NO_M7_TABLES,
  M7_FILES,
  M7TablesError,
  PsrError,
  K_MAX,
  WEIGHTS,
  NOMINATION_TYPES,
} from './psr/index.js';
export type {
  PsrSelection,
  PsrMarkup,
  PsrEssay,
  PsrInput,
  PsrMetrics,
  PsrRawMetrics,
  MetricName,
  PsrMatching,
  PsrMarkupResult,
  PsrResult,
  NominationType,
  NominationMarkupResult,
  NominationResult,
  PsrErrorCode,
  M7Tables,
  M7Row,
  PsrOptions,
  PsrPairDetail,
  PsrDetailedResult,
  NominationDetailedResult,
  PairExplanation,
  FragmentView,
} from './psr/index.js';

export * from './input/index.js';
export { wordCount, roundFixed } from './words.js';
export { scoreAnswer, scoreSession } from './answer-score.js';
export type { AnswerScore, SessionScore } from './answer-score.js';
