// Import sources → essay candidates (docs/dataset-import.md): our own layout, a folder of
// `{name}.json` + `{name}_exp{N}.json`, and the organisers' PSR envelopes, mixed freely.
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isFileId } from '../protocol/index.js';
import { isRecord, readJsonFile } from './json-file.js';
import type { DatasetProblem, Split } from './types.js';
import type { EssayCandidate, Located } from './validate-essay.js';

export type SourceLayout = 'ours' | 'files' | 'envelopes' | 'files+envelopes' | 'empty';

export interface CollectedSource {
  layout: SourceLayout;
  candidates: Array<EssayCandidate & { id?: string }>;
  problems: DatasetProblem[];
  /** Participant (non-expert) markups found in envelopes; they are not part of a dataset. */
  participantMarkups: number;
}

const EXPERT = /^(.+)_exp(\d+)\.json$/i;
const JSON_FILE = /^(.+)\.json$/i;

async function listJson(dir: string, problems: DatasetProblem[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      problems.push({
        severity: 'error',
        file: folder,
        path: '',
        message: `cannot read the folder: ${String(error)}`,
      });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const path = join(folder, e.name);
      if (e.isDirectory()) await walk(path);
      else if (e.isFile() && JSON_FILE.test(e.name)) out.push(path);
    }
  };
  await walk(dir);
  return out;
}

function splitOf(src: string, file: string, fallback: Split): Split {
  const first = relative(src, file).split(sep)[0];
  return first === 'train' || first === 'test' ? first : fallback;
}

/** Our own layout: `index.json` (+ `ids.json`) names the essays; ids are kept. */
async function collectOurs(src: string, problems: DatasetProblem[]): Promise<CollectedSource['candidates']> {
  const indexFile = join(src, 'index.json');
  const index = await readJsonFile(indexFile);
  if (!index.ok) {
    problems.push({ severity: 'error', file: indexFile, path: '', message: index.message });
    return [];
  }
  if (!Array.isArray(index.value)) {
    problems.push({ severity: 'error', file: indexFile, path: '', message: 'must be an array of entries' });
    return [];
  }
  const idsFile = join(src, 'ids.json');
  const ids = await readJsonFile(idsFile);
  const names = new Map<string, string>();
  if (ids.ok && isRecord(ids.value)) {
    for (const [id, name] of Object.entries(ids.value)) if (typeof name === 'string') names.set(id, name);
  } else if (ids.ok || ids.message !== 'file not found')
    problems.push({
      severity: 'error',
      file: idsFile,
      path: '',
      message: ids.ok ? 'must be an object {fileId: name}; names are not kept' : ids.message,
    });

  const out: CollectedSource['candidates'] = [];
  const seen = new Set<string>();
  for (const [i, raw] of index.value.entries()) {
    const bad = (path: string, message: string) =>
      problems.push({ severity: 'error', file: indexFile, path: `[${i}]${path}`, message });
    if (!isRecord(raw)) {
      bad('', 'must be an object; this entry is skipped');
      continue;
    }
    if (!isFileId(raw.id)) {
      bad('.id', `must be a string of digits, got ${JSON.stringify(raw.id)}; this entry is skipped`);
      continue;
    }
    if (raw.split !== 'train' && raw.split !== 'test') {
      bad('.split', `must be "train" or "test", got ${JSON.stringify(raw.split)}; this entry is skipped`);
      continue;
    }
    if (seen.has(raw.id)) {
      bad('.id', `${raw.id} appears twice; this entry is skipped`);
      continue;
    }
    seen.add(raw.id);
    const folder = join(src, raw.split);
    const essayFile = join(folder, `${raw.id}.json`);
    const essay = await readJsonFile(essayFile);
    if (!essay.ok) {
      problems.push({
        severity: 'error',
        file: essayFile,
        path: '',
        message: `${essay.message}; the essay is skipped`,
      });
      continue;
    }
    const count = typeof raw.experts === 'number' && Number.isInteger(raw.experts) ? raw.experts : 0;
    const experts: Located[] = [];
    for (let n = 1; n <= count; n++) {
      const file = join(folder, `${raw.id}_exp${n}.json`);
      const read = await readJsonFile(file);
      if (read.ok) experts.push({ file, path: '', value: read.value });
      else
        problems.push({
          severity: 'error',
          file,
          path: '',
          message: `${read.message}; this expert markup is dropped`,
        });
    }
    out.push({
      id: raw.id,
      name: names.get(raw.id) ?? raw.id,
      split: raw.split,
      essay: { file: essayFile, path: '', value: essay.value },
      experts,
    });
  }
  return out;
}

function fromEnvelope(
  file: string,
  value: Record<string, unknown>,
  split: Split,
): { candidate: EssayCandidate; participants: number } {
  const essay = value.essay as Record<string, unknown>;
  const markups = essay.markups as unknown[];
  const base = file.replace(/^.*[\\/]/, '').replace(/\.json$/i, '');
  const name = typeof essay.id === 'string' && essay.id !== '' ? essay.id : base;
  const meta = isRecord(essay.meta) ? { ...essay.meta } : essay.meta;
  if (isRecord(meta) && typeof essay.id === 'string' && meta.uuid === undefined) meta.uuid = essay.id;
  const experts: Located[] = [];
  let participants = 0;
  markups.forEach((m, i) => {
    if (!isRecord(m) || m.isExpert !== true) {
      participants++;
      return;
    }
    experts.push({
      file,
      path: `essay.markups[${i}]`,
      value: {
        meta: isRecord(meta) ? { ...meta, expert: typeof m.id === 'string' ? m.id : `markup ${i}` } : meta,
        text: essay.text,
        selections: m.selections,
        criteria: m.criteria,
      },
    });
  });
  return {
    candidate: {
      name,
      split,
      essay: { file, path: 'essay', value: { meta, text: essay.text, selections: [] } },
      experts,
    },
    participants,
  };
}

/**
Reads `src` in whichever layout it is. Broken files, duplicate names and files that fit no layout become
problems; everything else becomes a candidate for `validateEssay`.
*/
export async function collectSource(src: string, defaultSplit: Split): Promise<CollectedSource> {
  const problems: DatasetProblem[] = [];
  const kind = await stat(src).then(
    (s) => (s.isDirectory() ? 'dir' : 'file'),
    () => 'missing',
  );
  if (kind !== 'dir') {
    const message = kind === 'missing' ? 'not found' : 'is a file; give the folder that holds the essays';
    problems.push({ severity: 'error', file: src, path: '', message });
    return { layout: 'empty', candidates: [], problems, participantMarkups: 0 };
  }
  if (
    await stat(join(src, 'index.json')).then(
      (s) => s.isFile(),
      () => false,
    )
  ) {
    const candidates = await collectOurs(src, problems);
    return { layout: 'ours', candidates, problems, participantMarkups: 0 };
  }
  const files = await listJson(src, problems);
  const groups = new Map<
    string,
    { key: string; essay?: Located; experts: Array<[number, Located]>; split: Split }
  >();
  const candidates: CollectedSource['candidates'] = [];
  const firstFileOf = new Map<string, string>();
  let participantMarkups = 0;
  let envelopes = 0;
  let singles = 0;
  const claim = (name: string, file: string, key: string): boolean => {
    const owner = firstFileOf.get(name);
    if (owner !== undefined && owner !== key) {
      problems.push({
        severity: 'error',
        file,
        path: '',
        message: `duplicate name "${name}": an essay of that name is already at ${owner}; this file is not imported`,
        essay: name,
      });
      return false;
    }
    firstFileOf.set(name, key);
    return true;
  };
  for (const file of files) {
    const read = await readJsonFile(file);
    if (!read.ok) {
      problems.push({ severity: 'error', file, path: '', message: `${read.message}; the file is skipped` });
      continue;
    }
    const split = splitOf(src, file, defaultSplit);
    const v = read.value;
    if (isRecord(v) && isRecord(v.essay)) {
      if (!Array.isArray(v.essay.markups)) {
        problems.push({
          severity: 'error',
          file,
          path: 'essay.markups',
          message: 'must be an array of markups; the file is skipped',
        });
        continue;
      }
      envelopes++;
      const { candidate, participants } = fromEnvelope(file, v, split);
      if (!claim(candidate.name, file, file)) continue;
      participantMarkups += participants;
      candidates.push(candidate);
      continue;
    }
    singles++;
    const name = file.replace(/^.*[\\/]/, '');
    const expert = EXPERT.exec(name);
    const base = expert ? expert[1]! : JSON_FILE.exec(name)![1]!;
    // Files of one essay sit in one folder; the same base name in another folder is a duplicate.
    const key = join(file, '..', base);
    if (!claim(base, file, key)) continue;
    const g = groups.get(key) ?? { key: base, experts: [], split };
    groups.set(key, g);
    const at: Located = { file, path: '', value: v };
    if (expert) g.experts.push([Number(expert[2]), at]);
    else g.essay = at;
  }
  for (const g of groups.values()) {
    const c: EssayCandidate = {
      name: g.key,
      split: g.split,
      experts: g.experts.sort((a, b) => a[0] - b[0]).map(([, at]) => at),
    };
    if (g.essay) c.essay = g.essay;
    candidates.push(c);
  }
  const layout: SourceLayout =
    envelopes > 0 && singles > 0
      ? 'files+envelopes'
      : envelopes > 0
        ? 'envelopes'
        : singles > 0
          ? 'files'
          : 'empty';
  return { layout, candidates, problems, participantMarkups };
}
