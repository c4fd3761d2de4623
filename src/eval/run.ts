// `readable eval`: answers for the selected essays, each scored against its experts, saved as a run folder (docs/eval.md).
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dataset } from '../dataset/index.js';
import type { DatasetEntry } from '../dataset/index.js';
import { summarize } from './aggregate.js';
import { EssayScoreError, failedScore, scoreEssay } from './score-essay.js';
import type { ScoreEssayInput } from './score-essay.js';
import type { AnswerSource } from './sources.js';
import { RUN_FILES, RUN_FORMAT, RUN_FORMAT_VERSION } from './types.js';
import type { EssayScore, RunSummary, ScoringCompat } from './types.js';

/** Scores one essay; the default runs `scoreEssay` in this thread, a pool runs it in worker threads. */
export type Scorer = (input: ScoreEssayInput) => Promise<EssayScore>;

export interface EvalOptions {
  dataset: Dataset;
  split: 'train' | 'test' | 'all';
  subjects?: readonly string[];
  limit?: number;
  source: AnswerSource;
  /** Essays in flight at once. @default 1 */
  jobs?: number;
  /** Per-file time a session would allow; answers slower than this count as late. */
  deadlineSec?: number;
  /** Parent of the run folder. @default 'runs' */
  runsDir?: string;
  name?: string;
  toolkit: string;
  compat?: ScoringCompat;
  m7TablesDir?: string;
  scorer: Scorer;
  /** Aborting stops taking new essays; what is done is saved with `complete: false`. */
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, last: EssayScore) => void;
  now?: () => Date;
}

export interface EvalResult {
  dir: string;
  summary: RunSummary;
  scores: EssayScore[];
}

/** Entries of the split(s) and subjects, in index order, cut to `limit`. */
export function selectEntries(
  dataset: Dataset,
  split: EvalOptions['split'],
  subjects?: readonly string[],
  limit?: number,
): DatasetEntry[] {
  const wanted = subjects === undefined || subjects.length === 0 ? undefined : new Set(subjects);
  const out = dataset.entries.filter(
    (e) => (split === 'all' || e.split === split) && (wanted === undefined || wanted.has(e.subject)),
  );
  return limit === undefined ? out : out.slice(0, limit);
}

const stamp = (d: Date): string =>
  d
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
const safeName = (name: string): string =>
  name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'run';

async function makeRunDir(parent: string, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const dir = join(parent, n === 1 ? base : `${base}-${n}`);
    try {
      await mkdir(dir, { recursive: false });
      return dir;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') await mkdir(parent, { recursive: true });
      else if (code !== 'EEXIST') throw error;
      if (code === 'ENOENT') n--;
    }
  }
}

export async function runEval(options: EvalOptions): Promise<EvalResult> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const t0 = performance.now();
  const { dataset, source } = options;
  const entries = selectEntries(dataset, options.split, options.subjects, options.limit);
  const name = safeName(options.name ?? source.mode);
  const dir = await makeRunDir(options.runsDir ?? 'runs', `${stamp(started)}-${name}`);
  await mkdir(join(dir, RUN_FILES.answers));
  const scoresFile = join(dir, RUN_FILES.scores);
  await writeFile(scoresFile, '');

  const scores: EssayScore[] = [];
  let scoringMs = 0;
  let writing = Promise.resolve();
  const record = (score: EssayScore): void => {
    scores.push(score);
    writing = writing.then(() => appendFile(scoresFile, `${JSON.stringify(score)}\n`));
    options.onProgress?.(scores.length, entries.length, score);
  };
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) stop.abort();
  const deadlineMs = options.deadlineSec === undefined ? undefined : options.deadlineSec * 1000;

  const one = async (entry: DatasetEntry): Promise<void> => {
    const ref = {
      id: entry.id,
      name: entry.name ?? null,
      subject: entry.subject,
      split: entry.split,
      words: entry.words,
    };
    let markupMs: number | null = null;
    try {
      const essay = await dataset.essay(entry).catch((error: Error) => {
        throw new EssayScoreError('read', error.message);
      });
      const experts = await dataset.expertFiles(entry);
      const answer = await source.answer(entry, essay, {
        signal: stop.signal,
        deadline: Date.now() + (deadlineMs ?? 24 * 3600 * 1000),
      });
      markupMs = answer.markupMs;
      const answerFile = join(dir, RUN_FILES.answers, `${entry.id}.json`);
      await writeFile(answerFile, answer.json);
      const late = deadlineMs !== undefined && markupMs !== null && markupMs > deadlineMs;
      const input: ScoreEssayInput = {
        ref,
        answer: { file: answerFile, json: answer.json },
        experts: experts.map((e) => ({ markupId: e.markupId, file: e.file, json: JSON.stringify(e.value) })),
        markupMs,
        late,
      };
      const s0 = performance.now();
      const score = await options.scorer(input);
      scoringMs += performance.now() - s0;
      record(score);
    } catch (error) {
      if (error instanceof EssayScoreError) {
        record(failedScore({ ref, markupMs, late: false }, error.stage, error.message));
        return;
      }
      if (stop.signal.aborted) return; // an in-flight essay cut by Ctrl+C: not done, not recorded
      record(failedScore({ ref, markupMs, late: false }, 'score', `unexpected: ${(error as Error).message}`));
    }
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (!stop.signal.aborted && next < entries.length) await one(entries[next++]!);
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.jobs ?? 1) }, worker));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  await writing;
  const summary = summarize(
    {
      format: RUN_FORMAT,
      version: RUN_FORMAT_VERSION,
      toolkit: options.toolkit,
      name,
      startedAt: started.toISOString(),
      endedAt: now().toISOString(),
      complete: scores.length === entries.length,
      dataset: {
        dir: dataset.dir,
        split: options.split,
        subjects:
          options.subjects === undefined || options.subjects.length === 0 ? null : [...options.subjects],
        limit: options.limit ?? null,
        essays: entries.length,
      },
      markup: { mode: source.mode, description: source.description },
      scoring: { compat: options.compat ?? 'default', m7Tables: options.m7TablesDir ?? null },
      deadlineSec: options.deadlineSec ?? null,
      timing: { wallMs: Math.round(performance.now() - t0), scoringMs },
    },
    scores,
  );
  await writeFile(join(dir, RUN_FILES.summary), `${JSON.stringify(summary, null, 2)}\n`);
  return { dir, summary, scores };
}

/** The default scorer: in this thread. */
export function localScorer(psr: Parameters<typeof scoreEssay>[1] = {}): Scorer {
  return async (input) => {
    try {
      return scoreEssay(input, psr);
    } catch (error) {
      if (error instanceof EssayScoreError) return failedScore(input, error.stage, error.message);
      throw error;
    }
  };
}
