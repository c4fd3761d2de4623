// What the home page lists: sessions, eval runs, datasets and other JSON files under the roots.
// A bounded walk: dot folders and node_modules are skipped, and it stops after MAX_ENTRIES names.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Roots } from './roots.js';

const MAX_ENTRIES = 20_000;
const MAX_DEPTH = 6;
const MAX_FILES = 300;

export interface Found {
  sessions: string[];
  runs: string[];
  datasets: string[];
  files: string[];
  truncated: boolean;
}

export async function scan(roots: Roots): Promise<Found> {
  const found: Found = { sessions: [], runs: [], datasets: [], files: [], truncated: false };
  let seen = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (seen > MAX_ENTRIES) return void (found.truncated = true);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    seen += entries.length;
    const names = new Set(entries.map((e) => e.name));
    if (names.has('index.json') && (names.has('train') || names.has('test') || names.has('essays'))) {
      found.datasets.push(dir);
      return;
    }
    if (names.has('client-log.jsonl') || (names.has('input') && names.has('output'))) {
      found.sessions.push(dir);
      return;
    }
    if (names.has('scores.jsonl') || (names.has('summary.json') && names.has('answers'))) {
      found.runs.push(dir);
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = join(dir, e.name);
      if (e.isDirectory() && depth < MAX_DEPTH) await walk(p, depth + 1);
      else if (e.isFile() && e.name.endsWith('.json')) {
        if (found.files.length < MAX_FILES) found.files.push(p);
        else found.truncated = true;
      }
    }
  };
  for (const r of roots.list) await walk(r.real, 0);
  return found;
}
