// The platform serves any dataset in our own layout, imported ones included (src/dataset, docs/dataset-import.md).
export { Dataset, defaultDatasetDir } from '../dataset/index.js';
export type { DatasetEntry } from '../dataset/index.js';
