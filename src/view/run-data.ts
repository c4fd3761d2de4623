// An eval run folder (the format `readable eval` writes: summary.json version 1 and scores.jsonl) read leniently:
// the summary, else the figures rebuilt from scores.jsonl.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ViewError } from './errors.js';

export interface RunTypeStats {
  type: string;
  matched: number;
  missed: number;
  spurious: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}
export interface RunFigures {
  essays?: number;
  STAR: number | null;
  OTAR: number | null;
  MTotal: number | null;
  STER_AVG?: number | null;
  types?: RunTypeStats[];
}
export interface RunCriterion {
  key: string;
  max: number;
  n: number;
  meanAbsDelta: number | null;
  exactRate: number | null;
  meanDelta: number | null;
}
export interface RunSubject extends RunFigures {
  subject: string;
  criteria?: RunCriterion[];
}
export interface RunEssay {
  id: string;
  name?: string | null;
  subject: string;
  split: string;
  status?: string;
  MTotal: number | null;
  STAR: number | null;
  OTAR?: number | null;
  failure?: { stage: string; message: string };
}
export interface RunView {
  dir: string;
  name: string;
  /** Why the summary is missing or partial, shown above the figures. */
  notes: string[];
  summary: {
    startedAt?: string;
    complete?: boolean;
    dataset?: { dir?: string; split?: string; essays?: number };
    markup?: { mode?: string; description?: string };
    counts?: Record<string, number>;
    overall?: RunFigures;
    subjects?: RunSubject[];
    worst?: RunEssay[];
    failures?: RunEssay[];
  };
  scores: RunEssay[];
}

const SUPPORTED = 1;

export async function readRun(dir: string): Promise<RunView> {
  const notes: string[] = [];
  let summary: RunView['summary'] = {};
  let name = dir.split(/[\\/]/).pop() ?? dir;
  try {
    const json = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as Record<string, unknown>;
    if (json.version !== SUPPORTED)
      throw new ViewError(
        `${join(dir, 'summary.json')}: run format version ${String(json.version)}, this view reads version ${SUPPORTED}`,
        422,
      );
    summary = json as RunView['summary'];
    if (typeof json.name === 'string') name = json.name;
    if (json.complete === false) notes.push('The run was interrupted: the figures cover the essays done.');
  } catch (error) {
    if (error instanceof ViewError) throw error;
    notes.push('No readable summary.json (the run was killed?): figures rebuilt from scores.jsonl.');
  }
  const scores: RunEssay[] = [];
  try {
    for (const line of (await readFile(join(dir, 'scores.jsonl'), 'utf8')).split('\n')) {
      if (line.trim() === '') continue;
      try {
        scores.push(JSON.parse(line) as RunEssay);
      } catch {
        notes.push('scores.jsonl has a torn line (skipped).');
      }
    }
  } catch {
    if (!summary.overall)
      throw new ViewError(`${dir} is not an eval run (no summary.json, no scores.jsonl)`, 404);
  }
  if (!summary.overall) summary = rebuild(scores);
  return { dir, name, notes, summary, scores };
}

const mean = (xs: Array<number | null | undefined>): number | null => {
  const v = xs.filter((x): x is number => typeof x === 'number');
  return v.length ? Math.round((v.reduce((a, b) => a + b, 0) / v.length) * 100) / 100 : null;
};

function rebuild(scores: readonly RunEssay[]): RunView['summary'] {
  const ok = scores.filter((s) => s.status !== 'failed');
  const figures = (list: readonly RunEssay[]): RunFigures => ({
    essays: list.length,
    STAR: mean(list.map((s) => s.STAR)),
    OTAR: mean(list.map((s) => s.OTAR)),
    MTotal: mean(list.map((s) => s.MTotal)),
  });
  const subjects = [...new Set(ok.map((s) => s.subject))].sort();
  return {
    overall: figures(ok),
    subjects: subjects.map((subject) => ({ subject, ...figures(ok.filter((s) => s.subject === subject)) })),
    worst: [...ok].sort((a, b) => (a.MTotal ?? 0) - (b.MTotal ?? 0)).slice(0, 10),
    failures: scores.filter((s) => s.status === 'failed'),
  };
}

/** Other run folders beside this one (same parent), newest first, for the comparison picker. */
export async function siblingRuns(dir: string): Promise<string[]> {
  const parent = dirname(dir);
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const n of names.sort().reverse()) {
    const p = join(parent, n);
    if (p === dir || n.startsWith('.')) continue;
    try {
      const inner = await readdir(p);
      if (inner.includes('summary.json') || inner.includes('scores.jsonl')) out.push(p);
    } catch {
      // Not a folder.
    }
  }
  return out;
}
