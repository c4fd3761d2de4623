import { ChildGroup } from './process/index.js';
import type { StderrLimits } from './process/index.js';

export interface RunCommandOptions extends StderrLimits {
  command: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Written to the child's stdin, which is then closed. */
  input: string;
  signal: AbortSignal;
  /** Stdout beyond this stops the child. */
  maxStdoutBytes: number;
  /** Stderr kept for the error message beyond this is cut (the child is not stopped). */
  maxStderrChars: number;
  /** After SIGTERM on abort, wait this long before SIGKILL. */
  killGraceMs: number;
  /** Each stderr line, cut at `maxLineChars` and at most `maxLinesPerSec` a second. */
  onStderrLine?: (line: string) => void;
}

export interface RunCommandResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Why we stopped the child, if we did. */
  stopped?: 'aborted' | 'output-limit';
  /** The child could not be started. */
  spawnError?: Error;
}

/**
Runs one shell command with `input` on stdin and collects its output. Never rejects: the caller
turns the result into a precise error. The command runs in a process group of its own
(`ChildGroup`): it is done when its main process exits, whatever it left running in the
background is killed then, and the group dies with the client.
*/
export async function runCommand(options: RunCommandOptions): Promise<RunCommandResult> {
  const group = new ChildGroup({
    command: options.command,
    cwd: options.cwd,
    env: options.env,
    captureStderrChars: options.maxStderrChars,
    killGraceMs: options.killGraceMs,
    ...(options.onStderrLine && { onStderrLine: options.onStderrLine }),
    ...(options.maxLineChars !== undefined && { maxLineChars: options.maxLineChars }),
    ...(options.maxLinesPerSec !== undefined && { maxLinesPerSec: options.maxLinesPerSec }),
    ...(options.now !== undefined && { now: options.now }),
  });
  const stdout: Buffer[] = [];
  let stdoutBytes = 0;
  let stopped: RunCommandResult['stopped'];
  const stop = (why: NonNullable<RunCommandResult['stopped']>): void => {
    if (stopped !== undefined) return;
    stopped = why;
    if (why === 'output-limit') void group.kill();
    else void group.stop();
  };
  const onAbort = (): void => stop('aborted');

  group.child.stdout.on('data', (chunk: Buffer) => {
    if (stopped !== undefined) return;
    stdoutBytes += chunk.length;
    if (stdoutBytes > options.maxStdoutBytes) return stop('output-limit');
    stdout.push(chunk);
  });
  group.child.stdin.end(options.input);
  options.signal.addEventListener('abort', onAbort, { once: true });
  if (options.signal.aborted) onAbort();

  const exit = await group.exited;
  options.signal.removeEventListener('abort', onAbort);
  return {
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: group.stderr,
    exitCode: exit.code,
    signal: exit.signal,
    ...(stopped !== undefined && { stopped }),
    ...(exit.error !== undefined && { spawnError: exit.error }),
  };
}
