// Reads a run folder back (docs/eval.md): for `eval compare` and the view.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ToolkitError } from '../errors.js';
import { summarize } from './aggregate.js';
import { RUN_FILES, RUN_FORMAT, RUN_FORMAT_VERSION } from './types.js';
import type { EssayScore, RunSummary } from './types.js';

export class RunReadError extends ToolkitError {
  override name = 'RunReadError' as const;
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

export interface LoadedRun {
  dir: string;
  summary: RunSummary;
  scores: EssayScore[];
  /** What the reader had to work around (incomplete run, rebuilt summary, skipped lines). */
  notes: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

async function text(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new RunReadError(file, `cannot read: ${String(error)}`);
  }
}

function checkVersion(file: string, value: Record<string, unknown>): void {
  if (value.format !== RUN_FORMAT)
    throw new RunReadError(
      file,
      `not an eval run summary (format ${JSON.stringify(value.format)}, expected "${RUN_FORMAT}")`,
    );
  if (value.version !== RUN_FORMAT_VERSION)
    throw new RunReadError(
      file,
      `written in run format version ${JSON.stringify(value.version)} (toolkit ${String(value.toolkit)}); ` +
        `this toolkit reads version ${RUN_FORMAT_VERSION}: re-run the evaluation with this version`,
    );
}

export async function readRun(dir: string): Promise<LoadedRun> {
  const notes: string[] = [];
  const summaryFile = join(dir, RUN_FILES.summary);
  const scoresFile = join(dir, RUN_FILES.scores);
  const summaryText = await text(summaryFile);
  const scoresText = await text(scoresFile);
  if (summaryText === undefined && scoresText === undefined)
    throw new RunReadError(
      dir,
      `not a run folder: neither ${RUN_FILES.summary} nor ${RUN_FILES.scores} is there`,
    );

  let summary: RunSummary | undefined;
  if (summaryText !== undefined) {
    let value: unknown;
    try {
      value = JSON.parse(summaryText);
    } catch (error) {
      throw new RunReadError(summaryFile, `not valid JSON: ${(error as Error).message}`);
    }
    if (!isRecord(value)) throw new RunReadError(summaryFile, 'must be a JSON object');
    checkVersion(summaryFile, value);
    summary = value as unknown as RunSummary;
  }

  const scores: EssayScore[] = [];
  (scoresText ?? '').split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const value = JSON.parse(line) as unknown;
      if (
        !isRecord(value) ||
        typeof value.id !== 'string' ||
        (value.status !== 'scored' && value.status !== 'failed')
      )
        notes.push(`${scoresFile}:${i + 1}: not an essay score line; skipped`);
      else scores.push(value as unknown as EssayScore);
    } catch {
      notes.push(`${scoresFile}:${i + 1}: not valid JSON (cut off when the run was killed?); skipped`);
    }
  });
  if (scoresText === undefined) notes.push(`${scoresFile}: missing; per-essay scores are not available`);

  if (summary === undefined) {
    notes.push(
      `${summaryFile}: missing (the run was killed before it finished): figures rebuilt from ${scores.length} line(s) of ${RUN_FILES.scores}`,
    );
    summary = summarize(
      {
        format: RUN_FORMAT,
        version: RUN_FORMAT_VERSION,
        toolkit: 'unknown',
        name: dir.replace(/^.*[\\/]/, ''),
        startedAt: '',
        endedAt: '',
        complete: false,
        dataset: { dir: 'unknown', split: 'all', subjects: null, limit: null, essays: scores.length },
        markup: { mode: 'unknown', description: 'unknown' },
        scoring: { compat: 'default', m7Tables: null },
        deadlineSec: null,
        timing: { wallMs: 0, scoringMs: 0 },
      },
      scores,
    );
  } else if (!summary.complete)
    notes.push(
      `${dir}: incomplete run (interrupted): ${summary.counts.notRun} of ${summary.counts.selected} essays were not run`,
    );
  return { dir, summary, scores, notes };
}
