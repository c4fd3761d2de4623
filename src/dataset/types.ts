// Plain data of a dataset in our own layout (docs/dataset-format.md): `index.json`, `ids.json`,
// `{split}/{id}.json` and `{split}/{id}_exp{N}.json`.

export type Split = 'train' | 'test';
export const SPLITS: readonly Split[] = ['train', 'test'];

/** One line of `index.json`. */
export interface DatasetEntry {
  /** File id: digits only, it is the file id on the wire and the file name on both sides. */
  id: string;
  split: Split;
  subject: string;
  lang: 'rus' | 'eng';
  words: number;
  /** How many expert markups sit beside the essay (`{id}_exp1.json` … `{id}_exp{N}.json`). */
  experts: number;
  /** The essay's original name when it was imported under another one (`ids.json`). */
  name?: string;
}

/**
One thing wrong with a dataset or an import source. `file` is the file at fault (or the folder), `path` the
JSON path inside it (`''` for the whole file), `essay` the essay's name when the problem belongs to one.
An `error` drops what it names (a file, an expert markup or an essay); a `warning` drops nothing.
*/
export interface DatasetProblem {
  severity: 'error' | 'warning';
  file: string;
  path: string;
  message: string;
  essay?: string;
}

export function formatProblem(p: DatasetProblem): string {
  const where = p.path === '' ? p.file : `${p.file}: ${p.path}`;
  return `${p.severity}: ${where}: ${p.message}`;
}
