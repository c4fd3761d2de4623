// Datasets: our own layout read for the platform and `eval`, checked, and imported from other layouts
// (docs/dataset-format.md, docs/dataset-import.md).
export { Dataset, defaultDatasetDir, checkEntry } from './dataset.js';
export type { ExpertFile, Lang } from './dataset.js';
export { DatasetError } from './errors.js';
export { SPLITS, formatProblem } from './types.js';
export type { DatasetEntry, DatasetProblem, Split } from './types.js';
export { validateEssay } from './validate-essay.js';
export type { EssayCandidate, ValidEssay, Located } from './validate-essay.js';
export { collectSource } from './sources.js';
export type { SourceLayout, CollectedSource } from './sources.js';
export { importDataset, assignIds } from './import.js';
export type { ImportOptions, ImportResult } from './import.js';
export { checkDataset } from './check.js';
export type { CheckResult, DatasetStats } from './check.js';
export { formatCheck, formatImport, formatProblems } from './format.js';
