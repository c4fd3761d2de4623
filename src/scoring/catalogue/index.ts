// The markup-type catalogue (docs/scoring.md §2): one typed source for the meaning blocks, error codes,
// error categories and criterion maxima of every subject. Criteria, PSR and the dataset builder
// read their code lists from here. Import it only through this file.

export { SUBJECTS } from './types.js';
export type {
  Subject,
  CategoryKey,
  CodeKind,
  CodeUsage,
  CodeEntry,
  CategoryEntry,
  SubjectCatalogue,
} from './types.js';
export {
  CATALOGUE,
  SEMANTIC_BLOCKS,
  isSubject,
  catalogueFor,
  codesFor,
  lookupCode,
  isKnownCode,
  canonicalCode,
  isSemanticBlock,
  predefinedCodes,
  nominationTypes,
  subjectMax,
} from './catalogue.js';
export { formatCatalogue } from './format.js';
export { CATEGORIES as ERROR_CATEGORIES } from './common.js';
export type { CategoryInfo } from './common.js';
