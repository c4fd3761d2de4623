import * as fsSync from 'node:fs';
import * as fs from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { syncDirectory } from './atomic-write.js';
import { FileError } from './errors.js';

export interface JsonlAppenderOptions {
  /**
  Flush each batch to the disk (fdatasync) before the appends in it resolve, and the directory
  once when the file is new. Without it a written line survives a crash of the process (the
  kernel holds it); only a power loss can take the last seconds of lines.
  @default false
  */
  fsync?: boolean;
}

interface Queued {
  line: string;
  resolve: () => void;
  reject: (error: FileError) => void;
}

const openFd = promisify(fsSync.open);
const writeFd = promisify(fsSync.writeFile);
const datasyncFd = promisify(fsSync.fdatasync);
const closeFd = promisify(fsSync.close);
const readFd = promisify(fsSync.read);
const fstatFd = promisify(fsSync.fstat);

/**
One append-only JSON-lines file. Every line appended in one turn of the event loop goes out in
one write, one write at a time, so a burst costs a handful of writes; each `append` resolves once
the write holding its line returned (and was flushed, with `fsync`). The file and its directory
are created on the first write. A file whose last line a crash cut short, or a write that failed
half-way, never glues the next line to the torn one: the next write starts on a new line.
*/
export class JsonlAppender {
  readonly #fsync: boolean;
  #queue: Queued[] = [];
  #timer: NodeJS.Immediate | undefined;
  #chain: Promise<void> = Promise.resolve();
  #fd: number | undefined;
  #dirtyTail = false;

  constructor(
    readonly path: string,
    options: JsonlAppenderOptions = {},
  ) {
    this.#fsync = options.fsync ?? false;
  }

  /** Appends `value` as one JSON line. */
  append(value: unknown): Promise<void> {
    return this.appendLine(JSON.stringify(value));
  }

  /** Appends a line that is already serialised (without its newline). */
  appendLine(line: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ line: `${line}\n`, resolve, reject });
      this.#timer ??= setImmediate(() => {
        this.#timer = undefined;
        this.#enqueueWrite();
      });
    });
  }

  /** Resolves once every line appended so far is written (failures reject their own appends). */
  flush(): Promise<void> {
    clearImmediate(this.#timer);
    this.#timer = undefined;
    this.#enqueueWrite();
    return this.#chain;
  }

  /** Writes what is queued and releases the file; a later append opens it again. */
  async close(): Promise<void> {
    await this.flush();
    const fd = this.#fd;
    this.#fd = undefined;
    if (fd !== undefined) await closeFd(fd).catch(() => undefined);
  }

  #enqueueWrite(): void {
    this.#chain = this.#chain.then(() => this.#writeBatch());
  }

  async #writeBatch(): Promise<void> {
    const batch = this.#queue;
    if (batch.length === 0) return;
    this.#queue = [];
    try {
      const fd = this.#fd ?? (await this.#open());
      const text = batch.map((q) => q.line).join('');
      const data = this.#dirtyTail ? `\n${text}` : text;
      // Unflushed, the append is one short system call on a file already open: made in place,
      // it costs less than a round trip through the thread pool (two thread wake-ups per batch).
      if (this.#fsync) await writeFd(fd, data);
      else fsSync.writeFileSync(fd, data);
      this.#dirtyTail = false;
      if (this.#fsync) await datasyncFd(fd);
    } catch (error) {
      this.#dirtyTail = true;
      const failure = new FileError('append', this.path, error);
      for (const q of batch) q.reject(failure);
      return;
    }
    for (const q of batch) q.resolve();
  }

  async #open(): Promise<number> {
    let fd: number;
    try {
      fd = await openFd(this.path, 'a+');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await fs.mkdir(dirname(this.path), { recursive: true });
      fd = await openFd(this.path, 'a+');
    }
    try {
      const { size } = await fstatFd(fd);
      // A crashed process may have left half a line: end it, or our first line would join it.
      if (size > 0) {
        const last = Buffer.alloc(1);
        await readFd(fd, last, 0, 1, size - 1);
        if (last[0] !== 10) this.#dirtyTail = true;
      }
      // A new file's name must survive a power loss too: flush the directory once per open.
      if (this.#fsync) await syncDirectory(dirname(this.path));
    } catch (error) {
      await closeFd(fd).catch(() => undefined);
      throw error;
    }
    this.#fd = fd;
    return fd;
  }
}

/** Every parseable line of `text` that `accept` recognises, and how many lines were not. */
export function parseJsonLines<T>(
  text: string,
  accept: (value: unknown) => T | undefined,
): { records: T[]; skipped: number } {
  const records: T[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      skipped += 1;
      continue;
    }
    const record = accept(value);
    if (record === undefined) skipped += 1;
    else records.push(record);
  }
  return { records, skipped };
}
