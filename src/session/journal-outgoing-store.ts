import * as fs from 'node:fs/promises';
import { join } from 'node:path';
import { FileError, JsonlAppender, writeFileAtomic } from '../fs/index.js';
import { silentLogger } from '../log/index.js';
import type { Logger } from '../log/index.js';
import { OutgoingStoreError } from './errors.js';
import type { OutgoingEntry, OutgoingStore } from './outgoing-store.js';

export const OUTGOING_JOURNAL = 'outgoing.jsonl';

export interface JournalOutgoingStoreOptions {
  /**
  Flush each batch of records to the disk before the `put`s and `del`s in it resolve. Off by
  default, for the same reason as `FileOutgoingStore`'s: a written record survives a crash of
  the process; only a power loss can take the last seconds of them (see `Durability`).
  @default false
  */
  fsync?: boolean;
  /** Told about torn or unreadable records found when the journal is replayed. */
  logger?: Logger;
}

/** One line of the journal. */
type JournalRecord = { op: 'put'; entry: OutgoingEntry } | { op: 'del'; fileId: string };

/** Compaction pays off only past this many records, and only when most of them are dead. */
const COMPACT_MIN_RECORDS = 32;

const byPutAt = (a: OutgoingEntry, b: OutgoingEntry) => a.putAt - b.putAt || a.fileId.localeCompare(b.fileId);

/**
The outgoing store as one append-only file of `put` and `del` records (`outgoing.jsonl` in the
session dir), written through the shared JSON-lines appender: the records of one turn of the
event loop go out in one write, so a burst of answers costs a handful of writes instead of an
open/write/rename/close (and an unlink) per answer. Each `put`/`del` resolves once the write
holding its record returned (and was flushed, with `fsync`); `get` and `list` answer from memory,
which holds exactly what the written records say. Opening replays the journal (a torn last line
left by a crash is ignored, with a log line) and rewrites it without the dead records when they
are most of it; so does `close`.
*/
export class JournalOutgoingStore implements OutgoingStore {
  readonly #fsync: boolean;
  readonly #logger: Logger;
  readonly #entries = new Map<string, OutgoingEntry>();
  readonly #appender: JsonlAppender;
  #loaded: Promise<void> | undefined;
  /** Records in the file, and how many of them still describe a pending entry. */
  #records = 0;
  /** Appends not yet written: compaction waits until there are none. */
  #writing = 0;

  constructor(
    readonly path: string,
    options: JournalOutgoingStoreOptions = {},
  ) {
    this.#fsync = options.fsync ?? false;
    this.#logger = options.logger ?? silentLogger();
    this.#appender = new JsonlAppender(path, { fsync: this.#fsync });
  }

  async put(entry: OutgoingEntry): Promise<void> {
    await this.#append({ op: 'put', entry: { ...entry } });
  }

  async get(fileId: string): Promise<OutgoingEntry | undefined> {
    await this.#load();
    const entry = this.#entries.get(fileId);
    return entry && { ...entry };
  }

  async del(fileId: string): Promise<boolean> {
    return this.#append({ op: 'del', fileId });
  }

  async list(): Promise<OutgoingEntry[]> {
    await this.#load();
    return [...this.#entries.values()].map((e) => ({ ...e })).sort(byPutAt);
  }

  /** Writes what is queued, rewrites the journal if it is mostly dead records, releases the file. */
  async close(): Promise<void> {
    // A journal that could not be read is already reported by the call that needed it.
    await this.#load().catch(() => undefined);
    await this.#appender.close();
    await this.#compactIfMostlyDead().catch((error: unknown) =>
      this.#logger.warn({ err: error, path: this.path }, 'could not compact the outgoing journal'),
    );
  }

  async #append(record: JournalRecord): Promise<boolean> {
    await this.#load();
    this.#writing += 1;
    try {
      await this.#appender.append(record);
    } catch (error) {
      throw new OutgoingStoreError('could not append to the outgoing journal', this.path, {
        cause: error instanceof FileError ? error.cause : error,
      });
    } finally {
      this.#writing -= 1;
    }
    // Memory follows the file: applied in record order only once the records are written.
    return this.#apply(record);
  }

  /** Returns whether the record changed something: a del of a pending entry, any put. */
  #apply(record: JournalRecord): boolean {
    this.#records += 1;
    if (record.op === 'put') {
      this.#entries.set(record.entry.fileId, record.entry);
      return true;
    }
    return this.#entries.delete(record.fileId);
  }

  #load(): Promise<void> {
    this.#loaded ??= this.#replay();
    return this.#loaded;
  }

  async #replay(): Promise<void> {
    let text: string;
    try {
      text = await fs.readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new OutgoingStoreError('could not read the outgoing journal', this.path, { cause: error });
    }
    const lines = text.split('\n');
    // The part after the last newline: empty, or a record a crash cut short.
    const tail = lines.pop() ?? '';
    let skipped = 0;
    for (const line of lines) {
      if (line === '') continue;
      const record = parseRecord(line);
      if (record) this.#apply(record);
      else skipped += 1;
    }
    if (skipped > 0)
      this.#logger.warn(
        { path: this.path, skipped },
        `ignored ${skipped} unreadable record(s) in the outgoing journal (left by a failed write)`,
      );
    if (tail !== '') {
      this.#logger.warn(
        { path: this.path, bytes: Buffer.byteLength(tail) },
        'ignored a torn last record in the outgoing journal (the previous process was cut mid-write)',
      );
      // Cut it off, so the next record starts on a line of its own.
      await fs.truncate(this.path, Buffer.byteLength(text) - Buffer.byteLength(tail));
    }
    await this.#compactIfMostlyDead();
  }

  /** Rewrites the journal as one put per pending entry when dead records are most of it. */
  async #compactIfMostlyDead(): Promise<void> {
    const live = this.#entries.size;
    if (this.#writing > 0 || this.#records < COMPACT_MIN_RECORDS || live * 2 > this.#records) return;
    const text = [...this.#entries.values()]
      .sort(byPutAt)
      .map((entry) => `${JSON.stringify({ op: 'put', entry } satisfies JournalRecord)}\n`)
      .join('');
    // The appender holds no file open here (replay comes before the first append, close after the last).
    await writeFileAtomic(this.path, text, { fsync: this.#fsync });
    this.#logger.debug({ path: this.path, records: this.#records, live }, 'compacted the outgoing journal');
    this.#records = live;
  }
}

/** The default outgoing store of a session: `{sessionDir}/outgoing.jsonl`. */
export function journalIn(sessionDir: string, fsync: boolean, logger: Logger): JournalOutgoingStore {
  return new JournalOutgoingStore(join(sessionDir, OUTGOING_JOURNAL), { fsync, logger });
}

function parseRecord(line: string): JournalRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as { op?: unknown; fileId?: unknown; entry?: Partial<OutgoingEntry> };
  if (record.op === 'del' && typeof record.fileId === 'string') return { op: 'del', fileId: record.fileId };
  const entry = record.entry;
  if (
    record.op === 'put' &&
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.fileId === 'string' &&
    typeof entry.content === 'string' &&
    typeof entry.submissionId === 'string' &&
    typeof entry.putAt === 'number'
  )
    return { op: 'put', entry: entry as OutgoingEntry };
  return undefined;
}
