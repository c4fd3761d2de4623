import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { CapturedText } from '../captured-text.js';
import { guardGroup, releaseGroup, signalGroup } from './reaper.js';
import { StderrLines, type StderrLimits } from './stderr-lines.js';

const WINDOWS = process.platform === 'win32';

export interface ChildGroupOptions extends StderrLimits {
  /** A shell command line (`python3 my_worker.py`), run by the system shell. */
  command: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Receives stderr line by line, capped (see `StderrLimits`). */
  onStderrLine?: (line: string) => void;
  /** Stderr kept for error messages (head + tail). @default 1 MiB characters */
  captureStderrChars?: number;
  /** TERM, then KILL after this long. @default 2000 */
  killGraceMs?: number;
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The program could not be started at all. */
  error?: Error;
}

/**
A user's program in a process group of its own, whose life we control: it ends when its main
process exits (not when its pipes close — a helper it left in the background must not make us
wait), whatever it left behind in its group is killed then, `stop()` sends TERM to the whole group
and KILL after a grace, and the group is killed if this process dies first (`reaper.ts`).
*/
export class ChildGroup {
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves once the main process has exited and its group has been cleared. */
  readonly exited: Promise<ChildExit>;
  readonly #stderr: CapturedText;
  readonly #lines: StderrLines | undefined;
  readonly #grace: number;
  #exit: ChildExit | undefined;
  #killTimer: NodeJS.Timeout | undefined;

  constructor(options: ChildGroupOptions) {
    this.#grace = options.killGraceMs ?? 2000;
    this.#stderr = new CapturedText(options.captureStderrChars ?? 1024 * 1024);
    const onLine = options.onStderrLine;
    this.#lines = onLine ? new StderrLines(onLine, options) : undefined;
    this.child = spawn(options.command, {
      shell: true,
      cwd: options.cwd,
      env: options.env,
      detached: !WINDOWS,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const pid = this.child.pid;
    if (pid !== undefined) guardGroup(pid, this.#grace);
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => {
      this.#stderr.append(chunk);
      this.#lines?.push(chunk);
    });
    // A program that exits without reading its stdin makes our writes fail with EPIPE; its exit says why.
    this.child.stdin.on('error', () => {});
    this.exited = new Promise((resolve) => {
      let spawnError: Error | undefined;
      this.child.on('error', (error) => {
        spawnError = error;
        if (this.child.pid === undefined) finish(null, null);
      });
      const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
        if (this.#exit) return;
        if (pid !== undefined) {
          // What the program started and left behind goes with it; then its pipes can close.
          signalGroup(pid, 'SIGKILL');
          releaseGroup(pid);
        }
        clearTimeout(this.#killTimer);
        this.#exit = { code, signal, ...(spawnError && { error: spawnError }) };
        // Output written before the exit is still in the pipes: read it to the end, but never wait
        // on a pipe some process outside the group still holds.
        const drained = [this.child.stdout, this.child.stderr].map((stream) =>
          stream.closed ? undefined : new Promise<void>((done) => stream.once('close', done)),
        );
        const done = (): void => {
          clearTimeout(bound);
          this.#lines?.end();
          resolve(this.#exit!);
        };
        const bound: NodeJS.Timeout = setTimeout(() => {
          this.child.stdout.destroy();
          this.child.stderr.destroy();
          done();
        }, 500);
        void Promise.all(drained).then(done);
      };
      this.child.on('exit', finish);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.#exit === undefined && this.child.pid !== undefined;
  }

  /** What the program printed on stderr so far (capped: head and tail). */
  get stderr(): string {
    return this.#stderr.toString();
  }

  /** Sends a signal to the whole group. */
  signal(signal: NodeJS.Signals): void {
    if (this.running && this.child.pid !== undefined) signalGroup(this.child.pid, signal);
  }

  /** TERM to the group, KILL after the grace; resolves when the main process has exited. */
  stop(graceMs = this.#grace): Promise<ChildExit> {
    if (this.running) {
      this.signal('SIGTERM');
      clearTimeout(this.#killTimer);
      this.#killTimer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    }
    return this.exited;
  }

  /** KILL to the group at once. */
  kill(): Promise<ChildExit> {
    this.signal('SIGKILL');
    return this.exited;
  }
}
