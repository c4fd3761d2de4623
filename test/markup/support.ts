import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Essay } from '../../src/essay/index.js';
import type { MarkupContext, MarkupLogger } from '../../src/markup/index.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const FIXTURES = join(import.meta.dirname, 'fixtures');

const TEXT =
  'Some people believe that students should study at home with online courses. ' +
  'However, traditional lessons are still more useful for most teenagers. ' +
  'To conclude, schools will remain the main place of education.';

/** A small unmarked essay; a new object on every call. */
export function sampleEssay(id = '0000001'): Essay {
  return Essay.fromText(TEXT, { id, subject: 'eng', theme: 'Online courses or school?' });
}

export function contextFor(overrides: Partial<MarkupContext> = {}): MarkupContext {
  return {
    fileId: '0000001',
    deadline: Date.now() + 60_000,
    signal: new AbortController().signal,
    ...overrides,
  };
}

export function abortedSignal(): AbortSignal {
  const controller = new AbortController();
  controller.abort();
  return controller.signal;
}

/** A queue of values pushed by callbacks; `next()` waits for the next one, even if it came earlier. */
export class Inbox<T> {
  #items: T[] = [];
  #waiters: ((item: T) => void)[] = [];

  push(item: T): void {
    const waiter = this.#waiters.shift();
    if (waiter) waiter(item);
    else this.#items.push(item);
  }

  next(): Promise<T> {
    const item = this.#items.shift();
    if (item !== undefined) return Promise.resolve(item);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}

/** A logger that records every line and forwards each to an inbox, for tests that wait on a log line. */
export class RecordingLogger implements MarkupLogger {
  readonly lines: { level: string; fields: object; message: string }[] = [];
  readonly inbox = new Inbox<{ level: string; fields: object; message: string }>();

  debug(fields: object, message: string): void {
    this.record('debug', fields, message);
  }
  info(fields: object, message: string): void {
    this.record('info', fields, message);
  }
  warn(fields: object, message: string): void {
    this.record('warn', fields, message);
  }

  /** The next line whose message matches. */
  async waitFor(pattern: RegExp): Promise<string> {
    for (;;) {
      const line = await this.inbox.next();
      if (pattern.test(line.message)) return line.message;
    }
  }

  private record(level: string, fields: object, message: string): void {
    const line = { level, fields, message };
    this.lines.push(line);
    this.inbox.push(line);
  }
}

export async function makeTempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'markup-test-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Whether a process still runs; a zombie (exited, not yet reaped by its new parent) counts as gone. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}

/** Quotes a path for `sh -c`. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export const NODE = shellQuote(process.execPath);

/**
Waits until none of `pids` runs, checking every few milliseconds, for at most `limitMs`. A killed
process closes its pipes a moment before the kernel marks it exited, so "gone" is a condition to
wait for, not a state to read once. Returns the pids still running at the limit.
*/
export async function whenGone(pids: number[], limitMs = 5000): Promise<number[]> {
  const until = Date.now() + limitMs;
  for (;;) {
    const running = pids.filter(isRunning);
    if (running.length === 0 || Date.now() > until) return running;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
