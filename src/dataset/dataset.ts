// A dataset in our own layout, read for serving and evaluating (docs/dataset-format.md).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isFileId } from '../protocol/index.js';
import { DatasetError } from './errors.js';
import { isRecord, readJsonFile } from './json-file.js';
import type { DatasetEntry } from './types.js';

export type Lang = 'rus' | 'eng' | 'all';

/**
The shipped demo dataset, `<package root>/data/demo`. This file sits two levels below the
package root both as `src/dataset/dataset.ts` (tsx) and as `dist/dataset/dataset.js`.
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

export function checkEntry(dir: string, raw: unknown, i: number): DatasetEntry {
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

/** `ids.json`: `{fileId: originalName}`; optional, present when an import renamed essays. */
async function readNames(dir: string): Promise<Map<string, string>> {
  const path = join(dir, 'ids.json');
  const read = await readJsonFile(path);
  if (!read.ok) {
    if (read.message === 'file not found') return new Map();
    throw new DatasetError(dir, `${path}: ${read.message}`);
  }
  if (!isRecord(read.value)) throw new DatasetError(dir, `${path}: must be an object {fileId: name}`);
  const names = new Map<string, string>();
  for (const [id, name] of Object.entries(read.value)) {
    if (typeof name !== 'string')
      throw new DatasetError(dir, `${path}: ${JSON.stringify(id)}: the name must be a string`);
    names.set(id, name);
  }
  return names;
}

/** An expert markup as read from `{split}/{id}_exp{N}.json`. */
export interface ExpertFile {
  /** `{id}_exp{N}`: the markup id PSR reports. */
  markupId: string;
  file: string;
  value: Record<string, unknown>;
}

/** A dataset directory laid out as `index.json` (+ `ids.json`) + `{split}/{id}.json` + `{split}/{id}_exp{N}.json`. */
export class Dataset {
  private constructor(
    readonly dir: string,
    readonly entries: readonly DatasetEntry[],
  ) {}

  static async load(dir: string): Promise<Dataset> {
    const index = await readJson(dir, join(dir, 'index.json'));
    if (!Array.isArray(index)) throw new DatasetError(dir, 'index.json must be an array of entries');
    const entries = index.map((raw, i) => checkEntry(dir, raw, i));
    const names = await readNames(dir);
    const seen = new Set<string>();
    for (const e of entries) {
      if (seen.has(e.id)) throw new DatasetError(dir, `index.json: id ${e.id} appears twice`);
      seen.add(e.id);
      const name = names.get(e.id);
      if (name !== undefined) e.name = name;
    }
    return new Dataset(dir, entries);
  }

  /** `1000001` or `1000001 (my-essay)` when the essay was imported under another name. */
  static label(entry: Pick<DatasetEntry, 'id' | 'name'>): string {
    return entry.name === undefined ? entry.id : `${entry.id} (${entry.name})`;
  }

  /**
  Entries of `split` in `lang` (`all` = both), subjects taken in turn (one of each subject, in the
  order subjects first appear in the index, then again), so that even a short session sees every
  subject; within a subject, index order. Deterministic, so reports are reproducible.
  */
  select(split: DatasetEntry['split'], lang: Lang): DatasetEntry[] {
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

  essayFile(entry: DatasetEntry): string {
    return join(this.dir, entry.split, `${entry.id}.json`);
  }

  /** The essay as it is pushed: the JSON object of `{split}/{id}.json`. */
  async essay(entry: DatasetEntry): Promise<Record<string, unknown>> {
    const path = this.essayFile(entry);
    const value = await readJson(this.dir, path);
    if (!isRecord(value) || typeof value.text !== 'string') {
      throw new DatasetError(this.dir, `${path} is not an essay (needs an object with a string text)`);
    }
    return value;
  }

  /** The expert markups of an essay, in expert order; missing files are skipped. */
  async experts(entry: DatasetEntry): Promise<Record<string, unknown>[]> {
    return (await this.expertFiles(entry)).map((e) => e.value);
  }

  /** Like `experts`, with the file and markup id of each; missing or broken files are skipped. */
  async expertFiles(entry: DatasetEntry): Promise<ExpertFile[]> {
    const out: ExpertFile[] = [];
    for (let n = 1; n <= entry.experts; n++) {
      const markupId = `${entry.id}_exp${n}`;
      const file = join(this.dir, entry.split, `${markupId}.json`);
      const read = await readJsonFile(file);
      if (read.ok && isRecord(read.value)) out.push({ markupId, file, value: read.value });
    }
    return out;
  }
}
