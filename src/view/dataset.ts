// Datasets as laid out by data/demo (docs/dataset-format.md): index.json plus {split}/{id}.json and
// {split}/{id}_exp{N}.json. The view only reads them.
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface DatasetEntry {
  id: string;
  split: string;
  subject: string;
  lang?: string;
  words?: number;
  experts?: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export async function readDatasetIndex(dir: string): Promise<DatasetEntry[]> {
  const json = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as unknown;
  const list = Array.isArray(json) ? json : isRecord(json) && Array.isArray(json.essays) ? json.essays : [];
  return list.filter(isRecord).flatMap((e): DatasetEntry[] =>
    typeof e.id === 'string' || typeof e.id === 'number'
      ? [
          {
            id: String(e.id),
            split: typeof e.split === 'string' ? e.split : '',
            subject: typeof e.subject === 'string' ? e.subject : '',
            ...(typeof e.lang === 'string' ? { lang: e.lang } : {}),
            ...(typeof e.words === 'number' ? { words: e.words } : {}),
            ...(typeof e.experts === 'number' ? { experts: e.experts } : {}),
          },
        ]
      : [],
  );
}

const EXPERT = /^(.+)_exp(\d+)\.json$/;

/** `{id}_exp{N}.json` files in one folder, in N order. */
export async function expertFilesIn(dir: string, id: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  return names
    .flatMap((n) => {
      const m = EXPERT.exec(n);
      return m && m[1] === id ? [{ n, k: Number(m[2]) }] : [];
    })
    .sort((a, b) => a.k - b.k)
    .map((x) => join(dir, x.n));
}

/**
The expert markups of an essay: beside the file first (`{name}_exp{N}.json`), else in a dataset that has
the essay's id (any split).
*/
export async function findExperts(
  file: string,
  essayId: unknown,
  datasets: readonly string[],
): Promise<string[]> {
  const base = basename(file).replace(/\.json$/i, '');
  if (EXPERT.test(basename(file))) return [];
  const beside = await expertFilesIn(dirname(file), base);
  if (beside.length > 0) return beside;
  if (typeof essayId !== 'string' && typeof essayId !== 'number') return [];
  for (const d of datasets) {
    let entries: DatasetEntry[];
    try {
      entries = await readDatasetIndex(d);
    } catch {
      continue;
    }
    const e = entries.find((x) => x.id === String(essayId));
    if (e) return expertFilesIn(join(d, e.split), e.id);
  }
  return [];
}
