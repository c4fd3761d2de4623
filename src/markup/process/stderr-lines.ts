/** How much of a program's stderr reaches the log. */
export interface StderrLimits {
  /** A longer line is cut and says how much was cut. @default 4096 */
  maxLineChars?: number;
  /** More lines than this in one second are dropped and counted. @default 100 */
  maxLinesPerSec?: number;
  /** Milliseconds clock, injectable for tests. @default Date.now */
  now?: () => number;
}

/**
Splits a stream of stderr text into lines for the log, in time linear in the input: each chunk is
scanned once, a line is kept only up to `maxLineChars` (the rest is counted, not stored), and no
more than `maxLinesPerSec` lines a second are passed on — a note says how many were dropped. So
150 MB without a newline costs a few kilobytes, and a flood of lines cannot flood the log.
*/
export class StderrLines {
  readonly #emit: (line: string) => void;
  readonly #maxLine: number;
  readonly #perSec: number;
  readonly #now: () => number;
  #pending = '';
  #cut = 0;
  #windowStart = -Infinity;
  #inWindow = 0;
  #dropped = 0;

  constructor(emit: (line: string) => void, limits: StderrLimits = {}) {
    this.#emit = emit;
    this.#maxLine = limits.maxLineChars ?? 4096;
    this.#perSec = limits.maxLinesPerSec ?? 100;
    this.#now = limits.now ?? Date.now;
  }

  push(chunk: string): void {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf('\n', start);
      if (newline === -1) {
        this.#keep(chunk, start, chunk.length);
        return;
      }
      this.#keep(chunk, start, newline > start && chunk[newline - 1] === '\r' ? newline - 1 : newline);
      this.#line();
      start = newline + 1;
    }
  }

  /** The stream ended: a last line without a newline still counts, and so do dropped lines. */
  end(): void {
    if (this.#pending !== '' || this.#cut > 0) this.#line();
    this.#report();
  }

  #keep(chunk: string, from: number, to: number): void {
    const room = this.#maxLine - this.#pending.length;
    const take = Math.max(0, Math.min(room, to - from));
    if (take > 0) this.#pending += chunk.slice(from, from + take);
    this.#cut += to - from - take;
  }

  #line(): void {
    let line = this.#pending.endsWith('\r') ? this.#pending.slice(0, -1) : this.#pending;
    if (this.#cut > 0) line += ` […${this.#cut} more characters cut]`;
    this.#pending = '';
    this.#cut = 0;
    const now = this.#now();
    if (now - this.#windowStart >= 1000) {
      this.#report();
      this.#windowStart = now;
      this.#inWindow = 0;
    }
    if (this.#inWindow >= this.#perSec) {
      this.#dropped += 1;
      return;
    }
    this.#inWindow += 1;
    this.#emit(line);
  }

  #report(): void {
    if (this.#dropped === 0) return;
    const dropped = this.#dropped;
    this.#dropped = 0;
    this.#emit(`[…${dropped} stderr lines dropped: more than ${this.#perSec} a second]`);
  }
}
