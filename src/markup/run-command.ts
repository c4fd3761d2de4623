import { spawn } from 'node:child_process';
import { CapturedText } from './captured-text.js';

export interface RunCommandOptions {
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

const WINDOWS = process.platform === 'win32';

/**
Runs one shell command with `input` on stdin and collects its output. Never rejects: the caller
turns the result into a precise error. The command runs in its own process group (POSIX), so
stopping it also stops whatever it started (`sh -c` → python → workers).
*/
export function runCommand(options: RunCommandOptions): Promise<RunCommandResult> {
  return new Promise((resolve) => {
    const child = spawn(options.command, {
      shell: true,
      cwd: options.cwd,
      env: options.env,
      detached: !WINDOWS,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    const stderr = new CapturedText(options.maxStderrChars);
    let pendingLine = '';
    let stopped: RunCommandResult['stopped'];
    let spawnError: Error | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    let done = false;

    // The shell may be gone while the program it started still runs, so the group is signalled
    // whatever became of the direct child.
    const killGroup = (signal: NodeJS.Signals): void => {
      if (child.pid === undefined || done) return;
      try {
        if (WINDOWS) child.kill(signal);
        else process.kill(-child.pid, signal);
      } catch {
        // ESRCH: the group is already gone.
      }
    };
    const stop = (why: NonNullable<RunCommandResult['stopped']>): void => {
      if (stopped !== undefined) return;
      stopped = why;
      if (why === 'output-limit') return killGroup('SIGKILL');
      killGroup('SIGTERM');
      killTimer = setTimeout(() => killGroup('SIGKILL'), options.killGraceMs);
    };
    const onAbort = (): void => stop('aborted');

    const finish = (exitCode: number | null, signal: NodeJS.Signals | null): void => {
      if (done) return;
      // A program that let go of our pipes may still run in the group; once stopped, or once the
      // command failed, nothing of it stays. A command that succeeded may keep its helpers.
      if (stopped !== undefined || exitCode !== 0) killGroup('SIGKILL');
      done = true;
      clearTimeout(killTimer);
      options.signal.removeEventListener('abort', onAbort);
      if (pendingLine !== '') options.onStderrLine?.(pendingLine);
      resolve({
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: stderr.toString(),
        exitCode,
        signal,
        ...(stopped !== undefined && { stopped }),
        ...(spawnError !== undefined && { spawnError }),
      });
    };

    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > options.maxStdoutBytes) return stop('output-limit');
      stdout.push(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr.append(chunk);
      if (!options.onStderrLine) return;
      const lines = (pendingLine + chunk).split(/\r?\n/);
      pendingLine = lines.pop() ?? '';
      for (const line of lines) options.onStderrLine(line);
    });
    // A program that exits without reading all of stdin makes our write fail with EPIPE; its exit status tells the story.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input);

    child.on('error', (error) => {
      spawnError = error;
      if (child.pid === undefined) finish(null, null);
    });
    child.on('close', (code, signal) => finish(code, signal));
    options.signal.addEventListener('abort', onAbort, { once: true });
    if (options.signal.aborted) onAbort();
  });
}
