import { summariseStderr } from '../captured-text.js';
import { ChildGroup, type ChildExit, type StderrLimits } from '../process/index.js';
import type { MarkupLogger } from '../types.js';
import { JsonLines } from './json-lines.js';

export interface WorkerProcessOptions {
  /** 1-based slot number, for messages (`worker 2`). */
  slot: number;
  command: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  logger?: MarkupLogger | undefined;
  markupName: string;
  maxLineBytes: number;
  stderrLimits?: StderrLimits | undefined;
  killGraceMs: number;
}

/** What a worker says when its model is loaded. */
export interface ReadyInfo {
  name?: string;
  version?: string;
}

/** A message from the worker after `ready` that answers a request. */
export interface WorkerAnswer {
  id: number;
  essay?: unknown;
  error?: unknown;
}

export interface WorkerEvents {
  ready(info: ReadyInfo): void;
  answer(answer: WorkerAnswer): void;
  /** A line that breaks the protocol (not JSON, not an answer, too long). */
  violation(problem: string): void;
}

/**
One running worker program: its process group, the line protocol on its stdout (see
docs/markup-worker.md), its stderr in the log. It knows nothing of requests: the pool does.
*/
export class WorkerProcess {
  readonly group: ChildGroup;
  readonly started = Date.now();
  readonly exited: Promise<ChildExit>;
  #ready = false;
  readonly #lines: JsonLines;

  constructor(
    readonly options: WorkerProcessOptions,
    private readonly events: WorkerEvents,
  ) {
    const fields = { markup: options.markupName, worker: options.slot };
    this.group = new ChildGroup({
      command: options.command,
      cwd: options.cwd,
      env: options.env,
      killGraceMs: options.killGraceMs,
      ...options.stderrLimits,
      ...(options.logger && {
        onStderrLine: (line: string) => options.logger?.info({ ...fields, pid: this.pid }, line),
      }),
    });
    this.#lines = new JsonLines(
      options.maxLineBytes,
      (line) => this.#onLine(line),
      (bytes) =>
        this.events.violation(
          `printed a line of ${bytes} bytes on stdout, more than the limit of ${options.maxLineBytes}`,
        ),
    );
    this.group.child.stdout.on('data', (chunk: Buffer) => this.#lines.push(chunk));
    this.exited = this.group.exited;
  }

  get pid(): number | undefined {
    return this.group.pid;
  }

  get isReady(): boolean {
    return this.#ready;
  }

  /** `worker 2 (pid 1234)`: how messages name it. */
  get label(): string {
    return `worker ${this.options.slot} (pid ${this.pid ?? '?'})`;
  }

  /** Bytes of an unfinished line on stdout (reported when the worker exits mid-line). */
  get partialLineBytes(): number {
    return this.#lines.pendingBytes;
  }

  /** The last lines of stderr, for an error message. */
  lastStderr(lines = 5): string | undefined {
    const all = this.group.stderr
      .split(/\r?\n/)
      .map((line) => line.trimEnd())
      .filter((line) => line !== '');
    if (all.length === 0) return undefined;
    const summary = summariseStderr(this.group.stderr);
    const tail = all.slice(-lines).map((line) => (line.length > 300 ? `${line.slice(0, 300)}…` : line));
    return tail.includes(summary ?? '') ? tail.join(' | ') : `${summary ?? ''} | ${tail.join(' | ')}`;
  }

  /** Writes one protocol line; a dead worker's EPIPE is seen as its exit. */
  send(message: string): void {
    if (!this.group.running || this.group.child.stdin.destroyed) return;
    this.group.child.stdin.write(`${message}\n`);
  }

  /** Closes its stdin (the protocol's "stop"), waits for it to exit, then TERM and KILL its group. */
  async close(graceMs: number): Promise<void> {
    this.group.child.stdin.end();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), graceMs);
    });
    const how = await Promise.race([this.exited, late]);
    clearTimeout(timer);
    if (how === 'late') await this.group.stop();
  }

  #onLine(line: string): void {
    if (line.trim() === '') return;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      const shown = line.length > 200 ? `${line.slice(0, 200)}…` : line;
      if (!this.#ready) {
        // Libraries print while a model loads; before `ready` that is noise, not a broken protocol.
        this.options.logger?.warn(
          { markup: this.options.markupName, worker: this.options.slot },
          `${this.label} printed a non-protocol line on stdout before ready (ignored; print logs on stderr): ${shown}`,
        );
        return;
      }
      return this.events.violation(`printed a line that is not JSON on stdout: ${JSON.stringify(shown)}`);
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      return this.events.violation(`printed ${JSON.stringify(line.slice(0, 100))}, not a JSON object`);
    }
    const object = message as Record<string, unknown>;
    if (!this.#ready) {
      if (object.ready !== true) {
        return this.events.violation(
          `printed ${JSON.stringify(line.slice(0, 100))} before {"ready": true}; the first protocol line must be the ready line`,
        );
      }
      this.#ready = true;
      const info: ReadyInfo = {};
      if (typeof object.name === 'string') info.name = object.name;
      if (typeof object.version === 'string') info.version = object.version;
      return this.events.ready(info);
    }
    if (typeof object.id !== 'number' || !Number.isInteger(object.id)) {
      return this.events.violation(
        `printed an object without an integer "id": ${JSON.stringify(line.slice(0, 100))}`,
      );
    }
    if (!('essay' in object) && !('error' in object)) {
      return this.events.violation(`answered id ${object.id} with neither "essay" nor "error"`);
    }
    this.events.answer(object as unknown as WorkerAnswer);
  }
}
