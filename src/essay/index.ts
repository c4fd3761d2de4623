// The essay module: the model every other module uses. Import it only through this file.

export { Essay } from './essay.js';
export type { MetaInput, ReadOptions, SaveOptions } from './essay.js';

export { Meta } from './meta.js';

export { Selection, sameType } from './selection.js';
export type { SelectionLike } from './selection.js';

export { SelectionCollection } from './selection-collection.js';

export { EssayReadError, EssayWriteError, EssayFileError, SelectionError } from './errors.js';

export { stringifyDeep, escapeLoneSurrogates } from './deep-json.js';

export { validateEssaySchema, essaySchema, ESSAY_SCHEMA_URL } from './schema.js';
export type { SchemaResult } from './schema.js';

export { formatWarning } from './format.js';

// JSON text → value, a syntax error becoming an EssayReadError with line and column.
export { parseJsonText } from './json-text.js';

export { SUBJECTS, SELECTION_GROUPS, SELECTION_TEXT_FIELDS } from './types.js';
export type {
  EssayData,
  MetaData,
  SelectionData,
  CriteriaData,
  EssayWarning,
  Subject,
  SelectionGroup,
  SelectionTextField,
} from './types.js';

// Intentionally not exported: the lenient readers (read-*.ts). Read through `Essay.from*` instead.
