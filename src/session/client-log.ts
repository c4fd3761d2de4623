import * as fs from 'node:fs/promises';
import { join } from 'node:path';
import { maskSecrets } from '../log.js';
import { writeFileAtomic } from '../essay/index.js';
import type { SessionId } from '../protocol/index.js';

/** One line of `client-log.jsonl`: what happened in the session, as sent with `logs-send`. */
export interface ClientLogRecord {
  time: string;
  level: 'info' | 'warn' | 'error';
  event: string;
  sessionId?: SessionId;
  fileId?: string;
  [field: string]: unknown;
}

export interface ClientLogOptions {
  /** Masked in every record (the token, should any message ever carry it). */
  secrets?: readonly string[];
  /** Told once when the file cannot be written; the session goes on without it. */
  onError?: (error: unknown) => void;
}

export interface UnsentBatch {
  records: ClientLogRecord[];
  /** Byte offset just past the batch: the new sent offset once the platform stored it. */
  end: number;
}

export const CLIENT_LOG = 'client-log.jsonl';
const SENT_OFFSET = 'client-log.sent.json';

/**
The session's own record of events, appended to `{sessionDir}/client-log.jsonl`. It is what
`logs-send` ships to the platform (from a persisted offset, so nothing is sent twice) and what a
resumed session replays to rebuild the summary of the earlier processes. Records appended before
`open` wait in memory: a resumed session reads the earlier records first, then opens.
*/
export class ClientLog {
  #dir: string | undefined;
  #buffer: string[] = [];
  #chain: Promise<void> = Promise.resolve();
  #timer: NodeJS.Immediate | undefined;
  #handle: fs.FileHandle | undefined;
  #closed = false;
  #broken = false;
  readonly #secrets: readonly string[];
  readonly #onError: (error: unknown) => void;

  constructor(options: ClientLogOptions = {}) {
    this.#secrets = (options.secrets ?? []).filter((s) => s.length > 0);
    this.#onError = options.onError ?? (() => undefined);
  }

  get path(): string | undefined {
    return this.#dir === undefined ? undefined : join(this.#dir, CLIENT_LOG);
  }

  /** Starts writing to `dir` (buffered records first). */
  open(dir: string): void {
    this.#dir = dir;
    this.#schedule();
  }

  append(record: ClientLogRecord): void {
    if (this.#broken) return;
    let line: string;
    try {
      line = JSON.stringify(record);
    } catch {
      line = JSON.stringify({ time: record.time, level: record.level, event: record.event });
    }
    this.#buffer.push(`${maskSecrets(line, this.#secrets)}\n`);
    this.#schedule();
  }

  /** Resolves once every record appended so far is on disk (or could not be written). */
  flush(): Promise<void> {
    clearImmediate(this.#timer);
    this.#timer = undefined;
    this.#enqueueWrite();
    return this.#chain;
  }

  /** Flushes and closes the file; later records are dropped. */
  async close(): Promise<void> {
    await this.flush();
    this.#closed = true;
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.close().catch(() => undefined);
  }

  /** The next records not sent before, at most about `maxBytes` of them (at least one). */
  async nextUnsent(maxBytes = 1_000_000): Promise<UnsentBatch | undefined> {
    if (this.#dir === undefined) return undefined;
    const start = await readOffset(this.#dir);
    let data: Buffer;
    try {
      data = await fs.readFile(join(this.#dir, CLIENT_LOG));
    } catch {
      return undefined;
    }
    const records: ClientLogRecord[] = [];
    let pos = Math.min(start, data.length);
    let end = pos;
    while (pos < data.length) {
      const nl = data.indexOf(10, pos);
      // A line without its newline is still being written (or was cut by a crash): not yet.
      if (nl < 0) break;
      if (records.length > 0 && nl - start > maxBytes) break;
      const record = parseRecord(data.subarray(pos, nl).toString('utf8'));
      if (record) records.push(record);
      pos = nl + 1;
      end = pos;
    }
    return end > start ? { records, end } : undefined;
  }

  /** The platform stored everything before `end`. */
  async markSent(end: number): Promise<void> {
    if (this.#dir === undefined) return;
    await writeFileAtomic(join(this.#dir, SENT_OFFSET), `${JSON.stringify({ offset: end })}\n`);
  }

  /** Every readable record of `dir`'s log, oldest first; none when there is no log. */
  static async read(dir: string): Promise<ClientLogRecord[]> {
    let text: string;
    try {
      text = await fs.readFile(join(dir, CLIENT_LOG), 'utf8');
    } catch {
      return [];
    }
    const records: ClientLogRecord[] = [];
    for (const line of text.split('\n')) {
      const record = parseRecord(line);
      if (record) records.push(record);
    }
    return records;
  }

  /** One write per turn of the event loop at most: a burst of files costs a handful of writes. */
  #schedule(): void {
    if (this.#timer !== undefined || this.#dir === undefined || this.#buffer.length === 0) return;
    this.#timer = setImmediate(() => {
      this.#timer = undefined;
      this.#enqueueWrite();
    });
  }

  #enqueueWrite(): void {
    this.#chain = this.#chain.then(() => this.#write());
  }

  async #write(): Promise<void> {
    const dir = this.#dir;
    if (dir === undefined || this.#buffer.length === 0 || this.#broken || this.#closed) return;
    const text = this.#buffer.join('');
    this.#buffer = [];
    try {
      let prefix = '';
      if (this.#handle === undefined) {
        await fs.mkdir(dir, { recursive: true });
        const path = join(dir, CLIENT_LOG);
        // A crashed process may have left half a line: end it, or our first record would join it.
        if (!(await endsWithNewline(path))) prefix = '\n';
        this.#handle = await fs.open(path, 'a');
      }
      await this.#handle.write(prefix + text);
    } catch (error) {
      this.#broken = true;
      this.#onError(error);
    }
  }
}

async function endsWithNewline(path: string): Promise<boolean> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(path, 'r');
    const { size } = await handle.stat();
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 10;
  } catch {
    return true;
  } finally {
    await handle?.close();
  }
}

function parseRecord(line: string): ClientLogRecord | undefined {
  if (line.trim() === '') return undefined;
  try {
    const value = JSON.parse(line) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const record = value as Partial<ClientLogRecord>;
    return typeof record.event === 'string' ? (record as ClientLogRecord) : undefined;
  } catch {
    return undefined;
  }
}

async function readOffset(dir: string): Promise<number> {
  try {
    const value = JSON.parse(await fs.readFile(join(dir, SENT_OFFSET), 'utf8')) as { offset?: unknown };
    return typeof value.offset === 'number' && value.offset >= 0 ? value.offset : 0;
  } catch {
    return 0;
  }
}
