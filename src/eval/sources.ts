// Where answers come from: a markup run now, or a directory of answers already made (docs/eval.md).
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Essay } from '../essay/index.js';
import type { Markup } from '../markup/index.js';
import type { DatasetEntry } from '../dataset/index.js';
import { EssayScoreError } from './score-essay.js';

export interface AnswerContext {
  signal: AbortSignal;
  /** Epoch ms the answer is due by (only a markup cares). */
  deadline: number;
}

export interface Answer {
  json: string;
  /** Markup time; `null` for answers read from a directory. */
  markupMs: number | null;
}

export interface AnswerSource {
  /** `demo`, `command`, …, `answers`. */
  mode: string;
  /** The markup's own name, or `answers:DIR`. */
  description: string;
  /** A line to show once (the demo markup says it is not a model). */
  warning?: string;
  /** Throws `EssayScoreError` (stage `markup` or `read`) when there is no usable answer. */
  answer(entry: DatasetEntry, essay: Record<string, unknown>, context: AnswerContext): Promise<Answer>;
  close?(): Promise<void>;
}

export function markupSource(markup: Markup, mode: string): AnswerSource {
  return {
    mode,
    description: markup.name,
    ...(markup.warning !== undefined && { warning: markup.warning }),
    async answer(entry, essayObject, context) {
      let essay: Essay;
      try {
        essay = Essay.fromObject(essayObject, { source: `${entry.split}/${entry.id}.json` });
      } catch (error) {
        throw new EssayScoreError('read', (error as Error).message);
      }
      const started = performance.now();
      let result: Essay | null;
      try {
        result = await markup.markup(essay, {
          fileId: entry.id,
          deadline: context.deadline,
          signal: context.signal,
        });
      } catch (error) {
        if (context.signal.aborted) throw error;
        throw new EssayScoreError('markup', `markup ${markup.name} failed: ${(error as Error).message}`);
      }
      const markupMs = performance.now() - started;
      if (result === null) throw new EssayScoreError('markup', `markup ${markup.name} returned no answer`);
      return { json: JSON.stringify(result.toJSON()), markupMs };
    },
    ...(markup.close !== undefined && { close: () => markup.close!() }),
  };
}

/**
Answers already made: `{dir}/{id}.json`, else `{dir}/{split}/{id}.json`, else `{dir}/{name}.json` for an
imported essay with an original name.
*/
export function answersDirSource(dir: string): AnswerSource {
  const root = resolve(dir);
  return {
    mode: 'answers',
    description: `answers:${root}`,
    async answer(entry) {
      const candidates = [join(root, `${entry.id}.json`), join(root, entry.split, `${entry.id}.json`)];
      if (entry.name !== undefined) candidates.push(join(root, `${entry.name}.json`));
      for (const file of candidates) {
        try {
          return { json: await readFile(file, 'utf8'), markupMs: null };
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
            throw new EssayScoreError('read', `${file}: cannot read: ${String(error)}`);
        }
      }
      throw new EssayScoreError(
        'read',
        `no answer for essay ${entry.id}: none of ${candidates.join(', ')} exists`,
      );
    },
  };
}
