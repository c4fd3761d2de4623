// Essay files → the PSR envelope (docs/scoring.md §1.5, §8.2), and the file-level runs behind `readable calc psr`.
export { PsrInputError } from './errors.js';
export { readMarkupFile, parseMarkupFile } from './read-markup-file.js';
export type { MarkupFile } from './read-markup-file.js';
export { buildPsrEnvelope } from './envelope.js';
export type { Envelope, EnvelopeOptions } from './envelope.js';
export { groupDirectory } from './group-directory.js';
export type { EssayFileGroup } from './group-directory.js';
export { scorePsrFiles, scorePsrDirectory } from './score-files.js';
export type { ScoreFilesOptions, ScoredFiles, DirectoryEssayScore, DirectorySummary } from './score-files.js';
export { formatDirectorySummary } from './format-directory.js';
