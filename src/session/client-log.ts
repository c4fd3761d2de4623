import * as fs from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/index.js';
import { maskSecrets } from '../log/index.js';
import type { SessionId } from '../protocol/index.js';
import { RecordFile } from './record-file.js';

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
The session's log for the platform, appended to `{sessionDir}/client-log.jsonl` and shipped with
`logs-send` from a persisted offset, so nothing is sent twice. Resume does not read it: it reads
the session journal (`journal.ts`).
*/
export class ClientLog {
  readonly #file: RecordFile;
  #dir: string | undefined;
  readonly #secrets: readonly string[];

  constructor(options: ClientLogOptions = {}) {
    this.#secrets = (options.secrets ?? []).filter((s) => s.length > 0);
    this.#file = new RecordFile(CLIENT_LOG, options.onError);
  }

  get path(): string | undefined {
    return this.#dir === undefined ? undefined : join(this.#dir, CLIENT_LOG);
  }

  /** Starts writing to `dir` (records appended earlier first). */
  open(dir: string): void {
    this.#dir = dir;
    this.#file.open(dir);
  }

  append(record: ClientLogRecord): void {
    let line: string;
    try {
      line = JSON.stringify(record);
    } catch {
      line = JSON.stringify({ time: record.time, level: record.level, event: record.event });
    }
    this.#file.appendLine(this.#secrets.length > 0 ? maskSecrets(line, this.#secrets) : line);
  }

  /** Resolves once every record appended so far is on disk (or could not be written). */
  flush(): Promise<void> {
    return this.#file.flush();
  }

  /** Flushes and closes the file; later records are dropped. */
  close(): Promise<void> {
    return this.#file.close();
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
