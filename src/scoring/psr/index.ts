// Public surface of the PSR scorer (docs/scoring.md §4). Pure functions, except `loadM7Tables`, which reads files.
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
} from './types.js';
export { K_MAX, SEMANTIC_BLOCKS, WEIGHTS, NOMINATION_TYPES } from './constants.js';
export { PsrError } from './errors.js';
export type { PsrErrorCode } from './errors.js';
export { matchSelections, matchable, distance } from './match.js';
export type { MatchKey, MatchedPair, MatchResult } from './match.js';
export { pairMetrics, nominationPairMetrics, matchAll, criteriaSum } from './metrics.js';
export type { PairContext, PairMetrics, PsrCompat } from './metrics.js';
export { NO_M7_TABLES, createM7Tables, m7Value, m7ValueOfficial, m7Weight } from './m7.js';
export type { M7Tables, M7Row } from './m7.js';
export { loadM7Tables, findM7TablesDir, M7TablesError, M7_FILES, M7_PACKAGE_DIR } from './m7-loader.js';
export { validatePsrInput } from './validate.js';
export { scorePsr, scorePsrDetailed, pairUp } from './score.js';
export type { PsrOptions, PsrPairDetail, PsrDetailedResult } from './score.js';
export { scoreNomination, scoreNominationDetailed } from './nomination.js';
export type { NominationDetailedResult } from './nomination.js';
export { explainPair, shorten } from './explain.js';
export type { PairExplanation, FragmentView } from './explain.js';
export { formatPsrResult, formatNomination, formatExplanation, table, num } from './format.js';
