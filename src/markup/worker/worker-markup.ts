import { resolve } from 'node:path';
import type { Essay } from '../../essay/index.js';
import { MarkupError } from '../errors.js';
import type { StderrLimits } from '../process/index.js';
import { toEssay } from '../to-essay.js';
import type { Markup, MarkupContext, MarkupLogger } from '../types.js';
import { WorkerPool } from './worker-pool.js';

export interface WorkerMarkupOptions {
  /** The shell command of one worker, e.g. `python3 my_worker.py`. */
  command: string;
  /** Long-lived worker processes. @default 1 */
  workers?: number;
  /** Requests in flight per worker. @default 1 */
  inflight?: number;
  /** How long each worker may take to print `{"ready": true}`. @default 60000 */
  startTimeoutMs?: number;
  cwd?: string;
  /** Environment of the workers, without `TOKEN` (always removed). @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /** Receives the workers' stderr lines (info) and restarts (warn). */
  logger?: MarkupLogger;
  /** A longer stdout line is a protocol error. @default 64 MiB */
  maxLineBytes?: number;
  stderrLimits?: StderrLimits;
  /** Stdin closed → exit, then TERM, then KILL: the grace between each. @default 2000 */
  killGraceMs?: number;
  /** Attempts per essay when workers crash under it. @default 3 */
  maxAttempts?: number;
  /** Consecutive failures of one worker before it is given up. @default 5 */
  maxRestarts?: number;
  /** @default 200 */
  restartBackoffMs?: number;
}

/**
`--markup-worker "python3 my_worker.py"`: N long-lived processes that each load the model once and
mark essays sent as JSON lines on stdin, answering by id in any order. Resolves once every worker
is ready. The protocol is docs/markup-worker.md.
*/
export async function createWorkerMarkup(options: WorkerMarkupOptions): Promise<Markup> {
  const command = options.command.trim();
  if (command === '') throw new MarkupError('markup worker command is empty', 'config', { markup: 'worker' });
  const workers = options.workers ?? 1;
  const inflight = options.inflight ?? 1;
  for (const [what, value] of [
    ['workers', workers],
    ['inflight', inflight],
  ] as const) {
    if (!Number.isInteger(value) || value < 1)
      throw new MarkupError(`markup worker: ${what} must be a positive integer (got ${value})`, 'config', {
        markup: 'worker',
      });
  }
  const name = `worker:${command}`;
  const env: NodeJS.ProcessEnv = {
    ...(options.env ?? process.env),
    MARKUP_WORKER_INFLIGHT: String(inflight),
  };
  // The token authenticates the team on the platform; a model has no use for it.
  delete env.TOKEN;
  const pool = new WorkerPool({
    command,
    cwd: resolve(options.cwd ?? process.cwd()),
    env,
    logger: options.logger,
    markupName: name,
    maxLineBytes: options.maxLineBytes ?? 64 * 1024 * 1024,
    stderrLimits: options.stderrLimits,
    killGraceMs: options.killGraceMs ?? 2000,
    workers,
    inflight,
    startTimeoutMs: options.startTimeoutMs ?? 60_000,
    maxAttempts: options.maxAttempts ?? 3,
    maxRestarts: options.maxRestarts ?? 5,
    restartBackoffMs: options.restartBackoffMs ?? 200,
  });
  await pool.start();

  return {
    name,
    async markup(essay: Essay, context: MarkupContext) {
      context.signal.throwIfAborted();
      const answer = await pool.request(context.fileId, context.deadline, essay.toJSON(), context.signal);
      const where = { markup: name, fileId: context.fileId };
      if (answer.error !== undefined) {
        const said = typeof answer.error === 'string' ? answer.error : JSON.stringify(answer.error);
        throw new MarkupError(
          `${answer.worker} reported an error for file ${context.fileId}: ${said}`,
          'threw',
          where,
        );
      }
      try {
        return toEssay(answer.essay, where);
      } catch (error) {
        if (!(error instanceof MarkupError)) throw error;
        throw new MarkupError(`${answer.worker}: ${error.message}`, 'invalid', where, { cause: error });
      }
    },
    close: () => pool.close(),
  };
}
