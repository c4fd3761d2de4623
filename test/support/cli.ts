// The `readable` CLI as a test runs it: the built `dist/cli/index.js` in a child process. A child of
// the built code starts in ~0.3 s where `tsx` needs ~1.5 s. `scripts/run-tests.mjs` builds `dist`
// once per run; a test started another way fails with a clear message if `dist` is older than `src`.
import { execFile, spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { Command } from 'commander';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'dist', 'cli', 'index.js');

/** Settings a developer's shell may carry that would change what the CLI does in a test. */
const SCRUBBED = [
  'TOKEN',
  'HOST',
  'DEBUG',
  'FILES_DIR',
  'LOGS_DIR',
  'MARKUP',
  'MARKUP_COMMAND',
  'SESSION_IS_ONLY_SAVE_FILES',
  'CHECK_DIRECTORY_ANSWER',
  'DEBUG_MAX_MARKUP_DEMO_DELAY',
];

/** The environment without the settings that choose what the CLI does, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0' };
  for (const name of SCRUBBED) delete env[name];
  return { ...env, ...extra };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

let checked = false;
/**
Throws unless `dist` is built and newer than every file in `src`. Skipped under
`scripts/run-tests.mjs`, which has just built it (an incremental build leaves unchanged outputs old).
*/
export function assertBuilt(): void {
  if (checked || process.env.READABLE_DIST_FRESH === '1') return;
  try {
    statSync(BIN);
  } catch {
    throw new Error(`${BIN} is missing: run the tests with \`node scripts/run-tests.mjs\` (it builds dist)`);
  }
  if (newestMtime(join(ROOT, 'src')) > newestMtime(join(ROOT, 'dist')))
    throw new Error('dist is older than src: run `npm run build` or `node scripts/run-tests.mjs`');
  checked = true;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Added to the scrubbed environment. */
  env?: Record<string, string>;
  /** @default the project root */
  cwd?: string;
}

/** `readable ARGS...` to its end, with its exit code and output. */
export function cli(args: string[], options: CliOptions = {}): Promise<Run> {
  assertBuilt();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd ?? ROOT, env: cleanEnv(options.env), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A running `readable ARGS...` whose output a test can wait on; `kill` it in `t.after`. */
export class CliChild {
  stdout = '';
  stderr = '';
  /** The exit code, or null when a signal ended it. */
  readonly exited: Promise<number | null>;
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  readonly #watchers: Array<{ pattern: RegExp; stream: 'stdout' | 'stderr'; resolve: () => void }> = [];
  #ended = false;

  constructor(args: string[], options: CliOptions = {}) {
    assertBuilt();
    this.child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: cleanEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout.on('data', (d: Buffer) => {
      this.stdout += d.toString();
      this.#check();
    });
    this.child.stderr.on('data', (d: Buffer) => {
      this.stderr += d.toString();
      this.#check();
    });
    this.exited = new Promise((res) =>
      this.child.on('close', (code) => {
        this.#ended = true;
        res(code);
      }),
    );
  }

  get output(): string {
    return `--- stdout\n${this.stdout}\n--- stderr\n${this.stderr}`;
  }

  /** Resolves once stdout (or stderr) matches; rejects if the process ends first. */
  waitFor(pattern: RegExp, stream: 'stdout' | 'stderr' = 'stdout'): Promise<void> {
    if (pattern.test(this[stream])) return Promise.resolve();
    return new Promise<void>((res, rej) => {
      this.#watchers.push({ pattern, stream, resolve: res });
      void this.exited.then(() => rej(new Error(`exited before ${pattern}:\n${this.output}`)));
    });
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (!this.#ended) this.child.kill(signal);
  }

  /** Kills the process if it still runs and waits for its end: for `t.after`. */
  async stop(): Promise<void> {
    this.kill('SIGKILL');
    await this.exited;
  }

  #check(): void {
    for (const w of [...this.#watchers]) {
      if (!w.pattern.test(this[w.stream])) continue;
      this.#watchers.splice(this.#watchers.indexOf(w), 1);
      w.resolve();
    }
  }
}

export interface Streams {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

export interface InProcess {
  stdout: string;
  stderr: string;
  error?: unknown;
}

/**
Registers one command on a fresh group with capturing streams and runs it in this process, for the
tests about a command's output and options rather than about the process.
*/
export async function inProcess(
  register: (group: Command, io: Streams) => void,
  args: string[],
): Promise<InProcess> {
  const out = { stdout: '', stderr: '' };
  const group = new Command('group').exitOverride();
  register(group, {
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
  });
  try {
    await group.parseAsync(args, { from: 'user' });
    return out;
  } catch (error) {
    return { ...out, error };
  }
}
