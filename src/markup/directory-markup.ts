import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Essay, EssayReadError } from '../essay/index.js';
import { MarkupError } from './errors.js';
import type { Markup, MarkupContext, MarkupLogger } from './types.js';
import { waitForFile, type ParseOutcome } from './wait-for-file.js';

export interface DirectoryMarkupOptions {
  /** `CHECK_DIRECTORY_ANSWER_DELAY`: wait at most this many seconds; the file's deadline still wins if sooner. */
  delaySec?: number;
  /** Where answers appear, instead of the context's `outputDir`. */
  outputDir?: string;
  /** Fallback poll for file systems where fs.watch misses events. @default 500 */
  pollIntervalMs?: number;
  /** Says when the wait for a file starts and when a half-written answer was seen (at `debug`). */
  logger?: MarkupLogger;
}

/**
`CHECK_DIRECTORY_ANSWER`: the user's own program (any language) reads
`input/{fileId}.json` the session saved and writes its answer to `output/{fileId}.json`; this
markup waits for that file within the deadline and reads it once it is complete JSON.
The session later saves its validated copy to the same path, which is harmless.
*/
export function createDirectoryMarkup(options: DirectoryMarkupOptions = {}): Markup {
  const name = 'directory';
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  return {
    name,
    async markup(_essay: Essay, context: MarkupContext) {
      const { fileId, signal } = context;
      signal.throwIfAborted();
      const outputDir = options.outputDir ?? context.outputDir;
      if (outputDir === undefined) {
        throw new MarkupError(
          `markup "directory" needs the session's output directory (context.outputDir) for file ${fileId}`,
          'config',
          { markup: name, fileId },
        );
      }
      const path = join(resolve(outputDir), `${fileId}.json`);
      const where = { markup: name, fileId, path };
      const started = Date.now();
      const byDelay = options.delaySec === undefined ? Infinity : started + options.delaySec * 1000;
      const until = Math.min(context.deadline, byDelay);
      const limit = byDelay < context.deadline ? 'CHECK_DIRECTORY_ANSWER_DELAY' : "the file's deadline";
      const seconds = (): string => `${((Date.now() - started) / 1000).toFixed(1)} s`;

      await mkdir(resolve(outputDir), { recursive: true });
      options.logger?.debug({ ...where }, `waiting for ${path}`);
      return waitForFile(path, {
        until,
        signal,
        pollIntervalMs,
        parse: (text) => parseAnswer(text, where),
        onIncomplete: (error) =>
          options.logger?.debug({ ...where }, `${path} is not complete yet: ${error.message}`),
        onTimeout: (incomplete) =>
          new MarkupError(
            incomplete === undefined
              ? `no answer for file ${fileId}: ${path} did not appear within ${seconds()} (${limit})`
              : `no complete answer for file ${fileId}: ${path} was still incomplete after ${seconds()} (${limit}): ${incomplete.message}`,
            'aborted',
            where,
            { cause: incomplete },
          ),
        onAbort: () => {
          const reason = signal.reason instanceof Error ? `: ${signal.reason.message}` : '';
          return new MarkupError(
            `stopped waiting for ${path} (file ${fileId}) because the markup was aborted${reason}`,
            'aborted',
            where,
            { cause: signal.reason },
          );
        },
      }).catch((error: unknown) => {
        if (error instanceof MarkupError) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        throw new MarkupError(
          `cannot read the answer ${path} for file ${fileId}: ${reason}`,
          'threw',
          where,
          {
            cause: error,
          },
        );
      });
    },
  };
}

/** A JSON syntax error means the writer is not done; a complete document that is not an essay is final. */
function parseAnswer(
  text: string,
  where: { markup: string; fileId: string; path: string },
): ParseOutcome<Essay> {
  try {
    return { done: Essay.fromJSON(text, { source: where.path }) };
  } catch (error) {
    if (!(error instanceof EssayReadError)) throw error;
    if (error.line !== undefined) return { incomplete: error };
    return {
      failed: new MarkupError(
        `the answer for file ${where.fileId} is not an essay: ${error.message}`,
        'invalid',
        where,
        { cause: error },
      ),
    };
  }
}
