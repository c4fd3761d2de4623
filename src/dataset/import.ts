// `readable dataset import SRC --out DIR` (docs/dataset-import.md): any source layout → our own layout.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isFileId } from '../protocol/index.js';
import { DatasetError } from './errors.js';
import { collectSource } from './sources.js';
import type { SourceLayout } from './sources.js';
import type { DatasetEntry, DatasetProblem, Split } from './types.js';
import { validateEssay } from './validate-essay.js';
import type { ValidEssay } from './validate-essay.js';

export interface ImportOptions {
  /** Split of essays whose folder is neither `train/` nor `test/`. @default 'train' */
  split?: Split;
}

export interface ImportResult {
  src: string;
  out: string;
  layout: SourceLayout;
  entries: DatasetEntry[];
  problems: DatasetProblem[];
  /** Essays the source named that were not imported. */
  skipped: number;
  participantMarkups: number;
}

const langOf = (subject: string): 'rus' | 'eng' => (subject.startsWith('eng') ? 'eng' : 'rus');

/**
Keeps numeric names as file ids and gives every other essay the next free number, in (split, name)
order so the same source always gets the same ids.
*/
export function assignIds(essays: ReadonlyArray<{ name: string; split: Split; id?: string }>): string[] {
  const taken = new Set<string>();
  const ids: Array<string | undefined> = essays.map((e) => {
    const wanted = e.id ?? (isFileId(e.name) ? e.name : undefined);
    if (wanted === undefined || taken.has(wanted)) return undefined;
    taken.add(wanted);
    return wanted;
  });
  let next = 1;
  for (const id of taken) next = Math.max(next, Number(id.length > 15 ? 0 : id) + 1);
  const order = essays
    .map((e, i) => ({ e, i }))
    .filter(({ i }) => ids[i] === undefined)
    .sort((a, b) =>
      a.e.split < b.e.split
        ? -1
        : a.e.split > b.e.split
          ? 1
          : a.e.name < b.e.name
            ? -1
            : a.e.name > b.e.name
              ? 1
              : 0,
    );
  for (const { i } of order) {
    while (taken.has(String(next))) next++;
    ids[i] = String(next);
    taken.add(ids[i]);
  }
  return ids as string[];
}

async function emptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw new DatasetError(dir, `cannot read the output folder: ${String(error)}`, { cause: error });
  }
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Imports what is valid, lists every problem; throws only when `out` is unusable. */
export async function importDataset(
  src: string,
  out: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  if (!(await emptyOrMissing(out)))
    throw new DatasetError(out, 'the output folder is not empty; give a new or empty folder');
  const collected = await collectSource(src, options.split ?? 'train');
  const problems = [...collected.problems];
  const valid: Array<ValidEssay & { id?: string }> = [];
  for (const c of collected.candidates) {
    const checked = validateEssay(c);
    problems.push(...checked.problems);
    if (checked.essay) valid.push(c.id === undefined ? checked.essay : { ...checked.essay, id: c.id });
  }
  const ids = assignIds(valid);
  const entries: DatasetEntry[] = [];
  const names: Record<string, string> = {};
  await mkdir(out, { recursive: true });
  for (const [i, e] of valid.entries()) {
    const id = ids[i]!;
    const folder = join(out, e.split);
    await mkdir(folder, { recursive: true });
    const meta = { ...(e.essay.meta as Record<string, unknown>), id };
    await writeFile(join(folder, `${id}.json`), json({ ...e.essay, meta }));
    for (const [n, x] of e.experts.entries())
      await writeFile(
        join(folder, `${id}_exp${n + 1}.json`),
        json({ ...x, meta: { ...(x.meta as object), id } }),
      );
    const entry: DatasetEntry = {
      id,
      split: e.split,
      subject: e.subject,
      lang: langOf(e.subject),
      words: e.words,
      experts: e.experts.length,
    };
    if (e.name !== id) {
      names[id] = e.name;
      entry.name = e.name;
    }
    entries.push(entry);
  }
  const index = entries.map(({ name: _name, ...rest }) => rest);
  await writeFile(join(out, 'index.json'), json(index));
  await writeFile(join(out, 'ids.json'), json(names));
  return {
    src,
    out,
    layout: collected.layout,
    entries,
    problems,
    skipped: collected.candidates.length - valid.length,
    participantMarkups: collected.participantMarkups,
  };
}
