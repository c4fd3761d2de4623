import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isFileId, isRecord } from '../protocol/index.js';
import type { DatasetType, Lang } from '../protocol/index.js';
import { DatasetError } from './errors.js';

/** One line of `index.json`. */
export interface DatasetEntry {
  id: string;
  split: DatasetType;
  subject: string;
  lang: 'rus' | 'eng';
  words: number;
  /** How many expert markups sit beside the essay (`{id}_exp1.json` … `{id}_exp{N}.json`). */
  experts: number;
}

/**
The shipped demo dataset, `<package root>/data/demo`. This file sits two levels below the
package root both as `src/platform/dataset.ts` (tsx) and as `dist/platform/dataset.js`.
*/
export function defaultDatasetDir(): string {
  return fileURLToPath(new URL('../../data/demo/', import.meta.url)).replace(/[\\/]$/, '');
}

async function readJson(dir: string, path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new DatasetError(dir, `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DatasetError(dir, `${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

function checkEntry(dir: string, raw: unknown, i: number): DatasetEntry {
  const bad = (why: string) => new DatasetError(dir, `index.json[${i}]: ${why}`);
  if (!isRecord(raw)) throw bad('must be an object');
  // Ids become file ids on the wire and file names on both sides: digits only.
  if (!isFileId(raw.id)) throw bad(`id must be a string of digits (got ${JSON.stringify(raw.id)})`);
  if (raw.split !== 'train' && raw.split !== 'test') throw bad('split must be train or test');
  if (raw.lang !== 'rus' && raw.lang !== 'eng') throw bad('lang must be rus or eng');
  const experts = typeof raw.experts === 'number' && Number.isInteger(raw.experts) ? raw.experts : 0;
  return {
    id: raw.id,
    split: raw.split,
    subject: typeof raw.subject === 'string' ? raw.subject : '',
    lang: raw.lang,
    words: typeof raw.words === 'number' ? raw.words : 0,
    experts: Math.max(0, experts),
  };
}

/** A dataset directory laid out as `index.json` + `{split}/{id}.json` + `{split}/{id}_exp{N}.json`. */
export class Dataset {
  private constructor(
    readonly dir: string,
    readonly entries: readonly DatasetEntry[],
  ) {}

  static async load(dir: string): Promise<Dataset> {
    const index = await readJson(dir, join(dir, 'index.json'));
    if (!Array.isArray(index)) throw new DatasetError(dir, 'index.json must be an array of entries');
    const entries = index.map((raw, i) => checkEntry(dir, raw, i));
    const seen = new Set<string>();
    for (const e of entries) {
      if (seen.has(e.id)) throw new DatasetError(dir, `index.json: id ${e.id} appears twice`);
      seen.add(e.id);
    }
    return new Dataset(dir, entries);
  }

  /**
  Entries of `split` in `lang` (`all` = both), subjects taken in turn (one of each subject, in the
  order subjects first appear in the index, then again), so that even a short session sees every
  subject; within a subject, index order. Deterministic, so reports are reproducible.
  */
  select(split: DatasetType, lang: Lang): DatasetEntry[] {
    const bySubject = new Map<string, DatasetEntry[]>();
    for (const e of this.entries) {
      if (e.split !== split || (lang !== 'all' && e.lang !== lang)) continue;
      const list = bySubject.get(e.subject) ?? [];
      list.push(e);
      bySubject.set(e.subject, list);
    }
    const queues = [...bySubject.values()];
    const out: DatasetEntry[] = [];
    for (let round = 0; out.length < queues.reduce((n, q) => n + q.length, 0); round++) {
      for (const q of queues) if (round < q.length) out.push(q[round]!);
    }
    return out;
  }

  /** The essay as it is pushed: the JSON object of `{split}/{id}.json`. */
  async essay(entry: DatasetEntry): Promise<Record<string, unknown>> {
    const path = join(this.dir, entry.split, `${entry.id}.json`);
    const value = await readJson(this.dir, path);
    if (!isRecord(value) || typeof value.text !== 'string') {
      throw new DatasetError(this.dir, `${path} is not an essay (needs an object with a string text)`);
    }
    return value;
  }

  /** The expert markups of an essay, in expert order; missing files are skipped. */
  async experts(entry: DatasetEntry): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    for (let n = 1; n <= entry.experts; n++) {
      const value = await readJson(this.dir, join(this.dir, entry.split, `${entry.id}_exp${n}.json`)).catch(
        () => undefined,
      );
      if (isRecord(value)) out.push(value);
    }
    return out;
  }
}
