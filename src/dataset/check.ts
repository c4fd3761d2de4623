// `readable dataset check DIR`: every problem of a dataset in our own layout, and its statistics.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { collectSource } from './sources.js';
import { SPLITS } from './types.js';
import type { DatasetProblem, Split } from './types.js';
import { validateEssay } from './validate-essay.js';
import { isRecord, readJsonFile } from './json-file.js';

export interface DatasetStats {
  essays: number;
  /** subject → split → essays. */
  bySubject: Record<string, Record<Split, number>>;
  /** number of experts → essays with that many. */
  expertsPerEssay: Record<string, number>;
  words: { min: number; mean: number; max: number } | null;
  /** subject → words. */
  wordsBySubject: Record<string, { min: number; mean: number; max: number }>;
}

export interface CheckResult {
  dir: string;
  /** Essays that are fully usable (valid essay, at least one valid expert markup). */
  usable: number;
  stats: DatasetStats;
  problems: DatasetProblem[];
}

function spread(xs: readonly number[]): { min: number; mean: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const x of xs) {
    min = Math.min(min, x);
    max = Math.max(max, x);
    sum += x;
  }
  return { min, mean: Math.round((sum / xs.length) * 10) / 10, max };
}

export async function checkDataset(dir: string): Promise<CheckResult> {
  const collected = await collectSource(dir, 'train');
  const problems = [...collected.problems];
  if (collected.layout !== 'ours' && collected.layout !== 'empty')
    problems.unshift({
      severity: 'error',
      file: join(dir, 'index.json'),
      path: '',
      message: `missing: this folder is not a dataset in our layout (it looks like "${collected.layout}"); import it with \`readable dataset import ${dir} --out DIR\``,
    });
  const indexFile = join(dir, 'index.json');
  const index = await readJsonFile(indexFile);
  const rawEntries = index.ok && Array.isArray(index.value) ? index.value : [];

  const bySubject: DatasetStats['bySubject'] = {};
  const expertsPerEssay: Record<string, number> = {};
  const words: number[] = [];
  const wordsBySubject = new Map<string, number[]>();
  let usable = 0;
  const listed = new Set<string>();
  for (const c of collected.candidates) {
    const checked = validateEssay(c);
    problems.push(...checked.problems);
    const e = checked.essay;
    if (!e) continue;
    const id = c.id!;
    listed.add(`${e.split}/${id}`);
    const at = rawEntries.findIndex((r) => isRecord(r) && r.id === id);
    const raw = rawEntries[at] as Record<string, unknown>;
    const entryPath = `[${at}]`;
    if (raw.subject !== e.subject)
      problems.push({
        severity: 'error',
        file: indexFile,
        path: `${entryPath}.subject`,
        message: `${JSON.stringify(raw.subject)} but ${c.essay!.file} says "${e.subject}"`,
        essay: c.name,
      });
    if (raw.lang !== (e.subject.startsWith('eng') ? 'eng' : 'rus'))
      problems.push({
        severity: 'error',
        file: indexFile,
        path: `${entryPath}.lang`,
        message: `${JSON.stringify(raw.lang)} does not fit subject "${e.subject}"`,
        essay: c.name,
      });
    if (raw.words !== e.words)
      problems.push({
        severity: 'warning',
        file: indexFile,
        path: `${entryPath}.words`,
        message: `${JSON.stringify(raw.words)} but the text has ${e.words} words`,
        essay: c.name,
      });
    const essayMeta = (c.essay!.value as { meta?: { id?: unknown } }).meta;
    if (essayMeta?.id !== id)
      problems.push({
        severity: 'warning',
        file: c.essay!.file,
        path: 'meta.id',
        message: `${JSON.stringify(essayMeta?.id)} differs from the file id ${id}`,
        essay: c.name,
      });
    if (e.experts.length > 0) usable++;
    const s = (bySubject[e.subject] ??= { train: 0, test: 0 });
    s[e.split]++;
    expertsPerEssay[String(e.experts.length)] = (expertsPerEssay[String(e.experts.length)] ?? 0) + 1;
    words.push(e.words);
    const w = wordsBySubject.get(e.subject) ?? [];
    w.push(e.words);
    wordsBySubject.set(e.subject, w);
  }
  if (collected.layout === 'ours')
    for (const split of SPLITS) {
      let names: string[] = [];
      try {
        names = await readdir(join(dir, split));
      } catch {
        continue;
      }
      for (const name of names.sort()) {
        const m = /^(\d+)(?:_exp\d+)?\.json$/.exec(name);
        if (name.startsWith('.') || !name.endsWith('.json')) continue;
        if (!m || !listed.has(`${split}/${m[1]}`)) {
          const inIndex = m !== null && rawEntries.some((r) => isRecord(r) && r.id === m[1]);
          if (!inIndex)
            problems.push({
              severity: 'warning',
              file: join(dir, split, name),
              path: '',
              message: 'not listed in index.json, so never served or evaluated',
            });
        }
      }
    }
  const stats: DatasetStats = {
    essays: words.length,
    bySubject,
    expertsPerEssay,
    words: words.length === 0 ? null : spread(words),
    wordsBySubject: Object.fromEntries([...wordsBySubject].map(([k, v]) => [k, spread(v)])),
  };
  return { dir, usable, stats, problems };
}
