import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Essay, EssayReadError } from '../essay/index.js';
import { summariseStderr } from './captured-text.js';
import { MarkupError, type MarkupErrorContext } from './errors.js';
import type { StderrLimits } from './process/index.js';
import { runCommand, type RunCommandResult } from './run-command.js';
import type { Markup, MarkupContext, MarkupLogger } from './types.js';

export interface CommandMarkupOptions {
  /** The shell command run once per essay, e.g. `python3 my_model.py`. */
  command: string;
  /** Working directory of the command. @default process.cwd() */
  cwd?: string;
  /** Environment of the command, without `TOKEN` (always removed). @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /** Receives every stderr line of the command (at `info`). */
  logger?: MarkupLogger;
  /** More stdout than this stops the command with an error. @default 20 MiB */
  maxOutputBytes?: number;
  /** Stderr kept for error messages; the rest is cut from the middle. @default 1 MiB (characters) */
  maxStderrChars?: number;
  /** After SIGTERM on abort, wait this long before SIGKILL. @default 2000 */
  killGraceMs?: number;
  /** How much stderr reaches the logger: line length and lines per second. */
  stderrLimits?: StderrLimits;
}

const MiB = 1024 * 1024;

/**
`--markup-command "python3 my_model.py"`: runs the user's program through the shell for every
essay. The essay goes to stdin as JSON; the program prints the marked essay as JSON on stdout
and may log on stderr. It sees `MARKUP_FILE_ID` and `MARKUP_DEADLINE` (epoch ms) in its
environment, never `TOKEN`. It is done when its main process exits: what it left running in the
background is killed then, as is its whole process group on abort and when the client ends (even
by kill -9: see docs/markup-worker.md, "When the client ends").
*/
export function createCommandMarkup(options: CommandMarkupOptions): Markup {
  const command = options.command.trim();
  if (command === '') throw new MarkupError('markup command is empty', 'config', { markup: 'command' });
  const name = `command:${command}`;
  const cwd = resolve(options.cwd ?? process.cwd());
  const maxOutputBytes = options.maxOutputBytes ?? 20 * MiB;
  const environment = (fileId: string, deadline: number | undefined): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env), MARKUP_FILE_ID: fileId };
    if (deadline !== undefined) env.MARKUP_DEADLINE = String(deadline);
    // The token authenticates the team on the platform; a model has no use for it.
    delete env.TOKEN;
    return env;
  };
  const failures = new Failures(name, command, cwd, maxOutputBytes);

  return {
    name,
    async markup(essay: Essay, context: MarkupContext) {
      context.signal.throwIfAborted();
      const logger = options.logger;
      const result = await runCommand({
        command,
        cwd,
        env: environment(context.fileId, context.deadline),
        input: essay.toString(),
        signal: context.signal,
        maxStdoutBytes: maxOutputBytes,
        maxStderrChars: options.maxStderrChars ?? MiB,
        killGraceMs: options.killGraceMs ?? 2000,
        ...options.stderrLimits,
        ...(logger && {
          onStderrLine: (line: string) => logger.info({ markup: name, fileId: context.fileId }, line),
        }),
      });
      return failures.read(result, context.fileId, context.signal);
    },
    markupSync(essay: Essay) {
      const fileId = essay.meta.id;
      const run = spawnSync(command, {
        shell: true,
        cwd,
        env: environment(fileId, undefined),
        input: essay.toString(),
        maxBuffer: maxOutputBytes,
        encoding: 'utf8',
        windowsHide: true,
      });
      const limit = (run.error as { code?: unknown } | undefined)?.code === 'ENOBUFS';
      return failures.read(
        {
          stdout: run.stdout ?? '',
          stderr: run.stderr ?? '',
          exitCode: run.status,
          signal: run.signal,
          ...(limit && { stopped: 'output-limit' as const }),
          ...(run.error && !limit && { spawnError: run.error }),
        },
        fileId,
      );
    },
  };
}

/** Turns a finished run into the marked essay or into one precise MarkupError. */
class Failures {
  constructor(
    private readonly name: string,
    private readonly command: string,
    private readonly cwd: string,
    private readonly maxOutputBytes: number,
  ) {}

  read(result: RunCommandResult, fileId: string, signal?: AbortSignal): Essay {
    const where: MarkupErrorContext = { markup: this.name, fileId, stderr: result.stderr };
    if (result.exitCode !== null) where.exitCode = result.exitCode;
    if (result.signal !== null) where.signal = result.signal;
    const label = `command "${this.command}"`;
    const said = summariseStderr(result.stderr);
    const stderrNote = said === undefined ? 'nothing on stderr' : `stderr: ${said}`;
    const fail = (message: string, kind: MarkupError['kind'], cause?: unknown): MarkupError =>
      new MarkupError(message, kind, where, { cause });

    if (result.spawnError) {
      const code = (result.spawnError as { code?: unknown }).code;
      const hint = code === 'ENOENT' ? ` (does the working directory ${this.cwd} exist?)` : '';
      throw fail(
        `${label} could not be started for file ${fileId}: ${result.spawnError.message}${hint}`,
        'config',
        result.spawnError,
      );
    }
    if (result.stopped === 'aborted') {
      const reason = signal?.reason instanceof Error ? `: ${signal.reason.message}` : '';
      throw fail(
        `${label} was stopped for file ${fileId} because the markup was aborted${reason}; its process group was killed`,
        'aborted',
        signal?.reason,
      );
    }
    if (result.stopped === 'output-limit') {
      throw fail(
        `${label} printed more than ${formatBytes(this.maxOutputBytes)} on stdout for file ${fileId} and was killed; print only the essay JSON on stdout and logs on stderr`,
        'invalid',
      );
    }
    if (result.exitCode !== 0) {
      const how =
        result.exitCode !== null
          ? `exited with code ${result.exitCode}`
          : `was killed by ${result.signal ?? 'a signal'}`;
      throw fail(`${label} ${how} for file ${fileId}; ${stderrNote}`, 'threw');
    }
    if (result.stdout.trim() === '') {
      throw fail(
        `${label} printed nothing on stdout for file ${fileId}; it must print the marked essay as JSON (${stderrNote})`,
        'invalid',
      );
    }
    try {
      return Essay.fromJSON(result.stdout, { source: 'stdout' });
    } catch (error) {
      if (!(error instanceof EssayReadError)) throw error;
      const what = error.line === undefined ? 'JSON that is not an essay' : 'invalid JSON';
      throw fail(`${label} printed ${what} for file ${fileId}: ${error.message}`, 'invalid', error);
    }
  }
}

function formatBytes(bytes: number): string {
  return bytes % MiB === 0 ? `${bytes / MiB} MB` : `${bytes} bytes`;
}
