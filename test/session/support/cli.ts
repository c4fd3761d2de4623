import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

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

/** A `readable` child process whose output a test can wait on. */
export class CliChild {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  readonly #child: ChildProcessByStdio<null, Readable, Readable>;
  readonly #watchers: Array<{ pattern: RegExp; resolve: () => void }> = [];

  constructor(args: string[], options: { cwd: string; env?: Record<string, string> }) {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of SCRUBBED) delete env[name];
    this.#child = spawn(process.execPath, ['--import', TSX, join(ROOT, 'src/cli/index.ts'), ...args], {
      cwd: options.cwd,
      env: { ...env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child.stdout.on('data', (d: Buffer) => {
      this.stdout += d.toString();
      this.#check();
    });
    this.#child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((res) => this.#child.on('exit', (code) => res(code)));
  }

  get output(): string {
    return `--- stdout\n${this.stdout}\n--- stderr\n${this.stderr}`;
  }

  /** Resolves once stdout matches; rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<void> {
    if (pattern.test(this.stdout)) return Promise.resolve();
    return new Promise<void>((res, rej) => {
      this.#watchers.push({ pattern, resolve: res });
      void this.exited.then(() => rej(new Error(`exited before ${pattern}:\n${this.output}`)));
    });
  }

  kill(signal: NodeJS.Signals): void {
    this.#child.kill(signal);
  }

  #check(): void {
    for (const w of [...this.#watchers]) {
      if (!w.pattern.test(this.stdout)) continue;
      this.#watchers.splice(this.#watchers.indexOf(w), 1);
      w.resolve();
    }
  }
}
