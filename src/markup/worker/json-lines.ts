/**
Splits a byte stream into lines of at most `maxBytes`, in time linear in the input. A longer line
is not kept: its length is counted and reported as one oversized line when it ends, so a 100 MB
line costs nothing but its count.
*/
export class JsonLines {
  #parts: Buffer[] = [];
  #size = 0;
  #oversized = false;

  constructor(
    private readonly maxBytes: number,
    private readonly onLine: (line: string) => void,
    private readonly onOversized: (bytes: number) => void,
  ) {}

  /** Bytes of a line started and not yet ended (a partial line, when the stream ends). */
  get pendingBytes(): number {
    return this.#size;
  }

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(10, start);
      if (newline === -1) return this.#add(chunk.subarray(start));
      this.#add(chunk.subarray(start, newline));
      this.#flush();
      start = newline + 1;
    }
  }

  #add(part: Buffer): void {
    if (part.length === 0) return;
    this.#size += part.length;
    if (this.#oversized) return;
    if (this.#size > this.maxBytes) {
      this.#oversized = true;
      this.#parts = [];
      return;
    }
    this.#parts.push(part);
  }

  #flush(): void {
    const size = this.#size;
    const oversized = this.#oversized;
    const line = oversized ? '' : Buffer.concat(this.#parts).toString('utf8');
    this.#parts = [];
    this.#size = 0;
    this.#oversized = false;
    if (oversized) this.onOversized(size);
    else this.onLine(line);
  }
}
