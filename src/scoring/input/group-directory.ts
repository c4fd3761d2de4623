// A folder of `{id}.json` (participant) and `{id}_exp{N}.json` (expert) files → one group per essay.
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { PsrInputError } from './errors.js';

export interface EssayFileGroup {
  /** `{id}`, prefixed with the sub-folder (`train/123`) when the file is below `dir`. */
  key: string;
  participant?: string;
  /** Sorted by N. */
  experts: string[];
}

const EXPERT = /^(.+)_exp(\d+)\.json$/i;
const PARTICIPANT = /^(.+)\.json$/i;

/**
Scans `dir` and its sub-folders. Files that fit neither name pattern are not JSON files, so there is nothing
to ignore silently; hidden files (`.x.json`, e.g. atomic-write temporaries) are skipped.
*/
export async function groupDirectory(dir: string): Promise<EssayFileGroup[]> {
  const groups = new Map<string, { participant?: string; experts: Array<[number, string]> }>();
  const walk = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new PsrInputError(
        code === 'ENOENT' ? 'directory not found' : `cannot read directory: ${String(error)}`,
        {
          file: folder,
        },
      );
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const path = join(folder, e.name);
      if (e.isDirectory()) {
        await walk(path);
        continue;
      }
      if (!e.isFile()) continue;
      const expert = EXPERT.exec(e.name);
      const participant = expert ? null : PARTICIPANT.exec(e.name);
      const id = expert?.[1] ?? participant?.[1];
      if (id === undefined) continue;
      const key = relative(dir, join(folder, id)).split('\\').join('/');
      const g = groups.get(key) ?? { experts: [] };
      groups.set(key, g);
      if (expert) g.experts.push([Number(expert[2]), path]);
      else g.participant = path;
    }
  };
  await walk(dir);
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, g]) => {
      const out: EssayFileGroup = { key, experts: g.experts.sort((a, b) => a[0] - b[0]).map(([, p]) => p) };
      if (g.participant) out.participant = g.participant;
      return out;
    });
}
