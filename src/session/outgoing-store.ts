import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/index.js';
import type { SessionId } from '../protocol/index.js';

/** One answer waiting for the platform's acknowledgement. */
export interface OutgoingEntry {
  fileId: string;
  sessionId: SessionId | false;
  /** The essay as the JSON string that goes on the wire. */
  content: string;
  /** Unique per submission: tells a resend from a new answer for the same file. */
  submissionId: string;
  /** Epoch ms of `put`; `list` returns oldest first. */
  putAt: number;
  /** Epoch ms of the file's deadline, to tell late answers. */
  deadline?: number;
}

/**
Answers between "about to send" and "acknowledged". Put before sending, delete on the
platform's answer, and after every reconnect resend what is left, one at a time. A file-backed
store survives a crash, so a later `readable session reconnect` resends too.
*/
export interface OutgoingStore {
  put(entry: OutgoingEntry): Promise<void>;
  get(fileId: string): Promise<OutgoingEntry | undefined>;
  /** Returns whether an entry was there. */
  del(fileId: string): Promise<boolean>;
  list(): Promise<OutgoingEntry[]>;
  close(): Promise<void>;
}

export function newEntry(
  fields: Omit<OutgoingEntry, 'submissionId' | 'putAt'> & { now?: number },
): OutgoingEntry {
  const { now, ...rest } = fields;
  return { ...rest, submissionId: randomUUID(), putAt: now ?? Date.now() };
}

const byPutAt = (a: OutgoingEntry, b: OutgoingEntry) => a.putAt - b.putAt || a.fileId.localeCompare(b.fileId);

/** Keeps entries in memory: fast, for tests, benchmarks and users who accept losing them in a crash. */
export class MemoryOutgoingStore implements OutgoingStore {
  readonly #entries = new Map<string, OutgoingEntry>();

  async put(entry: OutgoingEntry): Promise<void> {
    this.#entries.set(entry.fileId, { ...entry });
  }

  async get(fileId: string): Promise<OutgoingEntry | undefined> {
    const entry = this.#entries.get(fileId);
    return entry && { ...entry };
  }

  async del(fileId: string): Promise<boolean> {
    return this.#entries.delete(fileId);
  }

  async list(): Promise<OutgoingEntry[]> {
    return [...this.#entries.values()].map((e) => ({ ...e })).sort(byPutAt);
  }

  async close(): Promise<void> {}
}

export interface FileOutgoingStoreOptions {
  /**
  Flush each entry to the disk before `put` resolves. Off by default: an entry is an answer that
  can be rebuilt from the saved input, the write is atomic and survives a crash of the process;
  only a power loss can take the entries of the last seconds (see `Durability`).
  @default false
  */
  fsync?: boolean;
}

/**
One JSON file per entry in `dir` (`{fileId}.json`), written atomically. Entries put by this
process are also kept in memory until deleted, so an acknowledgement does not read the file back.
*/
export class FileOutgoingStore implements OutgoingStore {
  readonly #fsync: boolean;
  readonly #mine = new Map<string, OutgoingEntry>();

  constructor(
    readonly dir: string,
    options: FileOutgoingStoreOptions = {},
  ) {
    this.#fsync = options.fsync ?? false;
  }

  #path(fileId: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(fileId))
      throw new TypeError(`\`fileId\` must be a safe file name (got ${JSON.stringify(fileId)})`);
    return join(this.dir, `${fileId}.json`);
  }

  async put(entry: OutgoingEntry): Promise<void> {
    await writeFileAtomic(this.#path(entry.fileId), JSON.stringify(entry), { fsync: this.#fsync });
    this.#mine.set(entry.fileId, { ...entry });
  }

  async get(fileId: string): Promise<OutgoingEntry | undefined> {
    const path = this.#path(fileId);
    const mine = this.#mine.get(fileId);
    if (mine) return { ...mine };
    let text: string;
    try {
      text = await fs.readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      return JSON.parse(text) as OutgoingEntry;
    } catch {
      // Empty or torn: only a power loss after an unflushed put leaves one. The input is on disk.
      return undefined;
    }
  }

  async del(fileId: string): Promise<boolean> {
    const path = this.#path(fileId);
    this.#mine.delete(fileId);
    try {
      await fs.unlink(path);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  async list(): Promise<OutgoingEntry[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const entries: OutgoingEntry[] = [];
    for (const name of names) {
      // Temporary files of interrupted writes start with a dot; they were never acknowledged as stored.
      if (name.startsWith('.') || !name.endsWith('.json')) continue;
      const entry = await this.get(name.slice(0, -'.json'.length));
      if (entry) entries.push(entry);
    }
    return entries.sort(byPutAt);
  }

  async close(): Promise<void> {
    this.#mine.clear();
  }
}
