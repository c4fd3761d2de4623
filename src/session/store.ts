import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { join } from 'node:path';
import { JsonlAppender, parseJsonLines, writeFileAtomic } from '../fs/index.js';
import type { SessionId } from '../protocol/index.js';

/** What `files/sessions/current.json` holds so another process can resume, repeat or abort. */
export interface CurrentSession {
  sessionId: SessionId;
  /** The platform's base URL (never the token). */
  host: string;
  startedAt: string;
  /** Seconds per file, for deadlines after a resume. */
  fileTimeSec: number;
  /** Real milliseconds per protocol second / 1000 (the local platform's time scale). */
  timeScale: number;
}

/**
How much the session flushes to the disk (fsync) before an answer goes out. At every level the
answer waits for its input to be saved, and every file is written atomically (temp file + rename:
a reader never sees a torn file). The output file and the outgoing entry are written beside the
send, except with `fsync-all` (src/session/README.md, "What is on disk when").
- `atomic`: nothing is flushed. A crash of the process (kill -9) loses nothing, since the kernel
  holds every completed write; a power loss (or a kernel panic) within the file system's commit
  interval (about 5 s on ext4) can lose the inputs, outputs and outgoing entries of those seconds,
  inputs included, and an input lost that way cannot be fetched again once the platform counts it
  as delivered. The fastest level; for machines that do not lose power mid-session (a laptop on
  its battery, a server with a UPS).
- `fsync-input` (default): the received essay is flushed, data and name (the directory entry),
  before its answer is sent (its markup runs meanwhile): it is irreplaceable. The output file and
  the outgoing entry are written atomically without a flush: they can be rebuilt from the input by
  marking it again. A power loss can cost the outputs and outgoing records of the last few seconds
  (missing or empty files, a torn journal tail: the stores skip them): those answers are neither
  resent nor on disk, but their inputs are, so a resume marks and sends them again.
- `fsync-all`: the output and the outgoing entry are flushed too, before the answer is sent
  (two fsyncs more per essay; see bench/ for what one costs on the hot path).
*/
export type Durability = 'atomic' | 'fsync-input' | 'fsync-all';

export const DURABILITIES: readonly Durability[] = ['atomic', 'fsync-input', 'fsync-all'];

export interface SessionStoreOptions {
  /** @default 'fsync-input' */
  durability?: Durability;
}

/** A leftover of an interrupted atomic write: `.{name}.{pid}-{token}.{n}.tmp` (or the older `.{name}.{pid}.{hex}.tmp`). */
const TEMP_FILE = /^\..+\.(\d+)(?:-[0-9a-f]+)?\.[0-9a-f]+\.tmp$/;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A line of `refused.jsonl`: what `saveRefused` saved, and where. */
export interface RefusedRecord {
  event: string;
  reason: string;
  at: string;
  fileId?: string;
  path?: string;
}

/** The folder of pushes refused before any session id was known (never a session's folder name). */
const UNATTACHED = '_unattached';
let refusedSeq = 0;

/** Folder names longer than this keep a readable prefix and end in a hash of the whole id. */
const MAX_DIR_NAME = 100;

/**
A session id is opaque and may reach a path: one safe path segment, and a different one for every
id (`a/b` and `a_b` must not share a folder). Letters, digits, `-` and `.` (not first) stay; any
other ASCII character, `_` included, becomes `_XX` (its hex code) and any other UTF-16 code unit
`_uXXXX`: `a/b` → `a_2Fb`, `a_b` → `a_5Fb`, `é` → `_u00E9`. The escapes can be read back, so no two
ids share a name. A name over 100 characters is its first 40, `~` and 32 hex digits of the SHA-256 of
the id. `1` and `"1"` are one session (docs/protocol.md §2) and share `1`. Ids made only of letters,
digits, `-` and `.` keep the name they always had.
*/
export function sessionDirName(sessionId: SessionId): string {
  const id = String(sessionId);
  let name = '';
  for (let i = 0; i < id.length; i++) {
    const c = id[i]!;
    const code = id.charCodeAt(i);
    const hex = code.toString(16).toUpperCase();
    if (/[A-Za-z0-9-]/.test(c) || (c === '.' && i > 0)) name += c;
    else name += code < 0x80 ? `_${hex.padStart(2, '0')}` : `_u${hex.padStart(4, '0')}`;
  }
  if (name === '') return '_';
  if (name.length <= MAX_DIR_NAME) return name;
  return `${name.slice(0, 40)}~${createHash('sha256').update(id, 'utf16le').digest('hex').slice(0, 32)}`;
}

/** The folder name before ids were escaped injectively: unsafe characters all became `_`. */
function legacyDirName(sessionId: SessionId): string {
  const name = String(sessionId).replace(/[^A-Za-z0-9._-]/g, '_');
  return name === '' || name === '.' || name === '..' ? `_${name}` : name;
}

/**
The on-disk layout of sessions: `files/sessions/{sessionId}/{input,output}/{fileId}.json`,
`rejections.jsonl`, `summary.json`, and `files/sessions/current.json`. Every write is atomic;
how much is flushed to the disk is `durability`.
*/
export class SessionStore {
  readonly sessionsDir: string;
  readonly durability: Durability;
  /** Each id's folder, chosen once (see `sessionDir`). */
  readonly #dirs = new Map<string, string>();

  constructor(
    readonly filesDir: string,
    options: SessionStoreOptions = {},
  ) {
    this.sessionsDir = join(filesDir, 'sessions');
    this.durability = options.durability ?? 'fsync-input';
    if (!DURABILITIES.includes(this.durability))
      throw new RangeError(
        `\`durability\` must be one of ${DURABILITIES.join(', ')} (got ${String(options.durability)})`,
      );
  }

  /**
  `files/sessions/{sessionDirName(id)}`. A session saved by an older version under its legacy name
  (unsafe characters as `_`) is still found there for a resume, as long as no folder of the new
  name exists; the choice is made once per id.
  */
  sessionDir(sessionId: SessionId): string {
    const key = String(sessionId);
    let dir = this.#dirs.get(key);
    if (dir === undefined) {
      const name = sessionDirName(sessionId);
      const legacy = legacyDirName(sessionId);
      const useLegacy =
        legacy !== name &&
        legacy !== UNATTACHED &&
        !existsSync(join(this.sessionsDir, name)) &&
        existsSync(join(this.sessionsDir, legacy));
      dir = join(this.sessionsDir, useLegacy ? legacy : name);
      this.#dirs.set(key, dir);
    }
    return dir;
  }

  inputPath(sessionId: SessionId, fileId: string, raw = false): string {
    return join(this.sessionDir(sessionId), 'input', `${fileId}${raw ? '.raw' : ''}.json`);
  }

  outputDir(sessionId: SessionId): string {
    return join(this.sessionDir(sessionId), 'output');
  }

  outputPath(sessionId: SessionId, fileId: string): string {
    return join(this.outputDir(sessionId), `${fileId}.json`);
  }

  /**
  Saves what the platform pushed, as received: flushed to the disk (data and name) unless the
  durability is `atomic`, since it cannot be fetched again. `raw` marks content that is not a
  readable essay.
  */
  async saveInput(sessionId: SessionId, fileId: string, text: string, raw = false): Promise<string> {
    const path = this.inputPath(sessionId, fileId, raw);
    // On the hot path. Unflushed, the four calls are made in place (cheaper than four round trips
    // through the thread pool). Flushed, they are not: creating a file in input/ while the pool
    // flushes that directory for another file waits for the flush, and the event loop with it.
    const atomic = this.durability === 'atomic';
    await writeFileAtomic(path, text, { fsync: !atomic, inline: atomic });
    return path;
  }

  /** Saves an answer; flushed only with `fsync-all` (it can be rebuilt from the input). */
  async saveOutput(sessionId: SessionId, fileId: string, text: string): Promise<string> {
    const path = this.outputPath(sessionId, fileId);
    await writeFileAtomic(path, text, { fsync: this.durability === 'fsync-all' });
    return path;
  }

  /**
  Removes the temporary files that writers killed mid-write left in the session's directories
  (never those of a live process). Call it when a process takes a session up again; returns how
  many were removed.
  */
  async removeStaleTemporaryFiles(sessionId: SessionId): Promise<number> {
    const root = this.sessionDir(sessionId);
    let removed = 0;
    for (const dir of [root, join(root, 'input'), join(root, 'output'), join(root, 'outgoing')]) {
      let names: string[];
      try {
        names = await fs.readdir(dir);
      } catch {
        continue;
      }
      for (const name of names) {
        const match = TEMP_FILE.exec(name);
        if (!match || alive(Number(match[1]))) continue;
        await fs.rm(join(dir, name), { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  /**
  The folder of pushes the client refused (docs: src/session/README.md): the session's, or
  `files/sessions/_unattached/refused` for those that came before any session id was known (no
  session id maps to `_unattached`: the folder names of ids never hold a `_` that starts no escape).
  */
  refusedDir(sessionId: SessionId | undefined): string {
    return join(
      sessionId === undefined ? join(this.sessionsDir, UNATTACHED) : this.sessionDir(sessionId),
      'refused',
    );
  }

  /**
  Saves a push the client refused, as received, with why: `{refusedDir}/{time}-{pid}-{n}[-{fileId}].json`
  holding `{event, reason, at, fileId?, payload}`. Flushed like an input (it cannot be fetched again).
  A payload JSON cannot hold (too deeply nested) is saved as its error instead.
  */
  async saveRefused(
    sessionId: SessionId | undefined,
    meta: { event: string; reason: string; at: string; fileId?: string },
    payload: unknown,
  ): Promise<string> {
    refusedSeq += 1;
    const name = `${Date.now()}-${process.pid}-${refusedSeq}${meta.fileId !== undefined ? `-${meta.fileId}` : ''}.json`;
    const path = join(this.refusedDir(sessionId), name);
    let text: string;
    try {
      text = JSON.stringify({ ...meta, payload });
    } catch (error) {
      text = JSON.stringify({
        ...meta,
        payload: null,
        payloadError: `could not be serialised: ${(error as Error).message}`,
      });
    }
    await writeFileAtomic(path, `${text}\n`, { fsync: this.durability !== 'atomic' });
    // The index a later process reads back (`readRefused`): the summary covers the whole session.
    const index = new JsonlAppender(join(this.refusedDir(sessionId), '..', 'refused.jsonl'));
    try {
      await index.append({ ...meta, path });
    } finally {
      await index.close();
    }
    return path;
  }

  /** The pushes refused in this session so far (the index `saveRefused` keeps), oldest first. */
  async readRefused(sessionId: SessionId): Promise<RefusedRecord[]> {
    let text: string;
    try {
      text = await fs.readFile(join(this.sessionDir(sessionId), 'refused.jsonl'), 'utf8');
    } catch {
      return [];
    }
    return parseJsonLines(text, (v) => {
      const r = v as Partial<RefusedRecord> | null;
      return typeof r?.event === 'string' && typeof r.reason === 'string' && typeof r.at === 'string'
        ? (r as RefusedRecord)
        : undefined;
    }).records;
  }

  /** Keeps the platform's reasons for refused answers; the outgoing store forgets them. */
  async recordRejection(sessionId: SessionId, fileId: string, message: string): Promise<void> {
    const rejections = new JsonlAppender(join(this.sessionDir(sessionId), 'rejections.jsonl'));
    try {
      await rejections.append({ fileId, message, at: new Date().toISOString() });
    } finally {
      await rejections.close();
    }
  }

  async writeSummary(sessionId: SessionId, summary: unknown): Promise<string> {
    const path = join(this.sessionDir(sessionId), 'summary.json');
    await writeFileAtomic(path, `${JSON.stringify(summary, null, 2)}\n`);
    return path;
  }

  get currentPath(): string {
    return join(this.sessionsDir, 'current.json');
  }

  async writeCurrent(current: CurrentSession): Promise<void> {
    await writeFileAtomic(this.currentPath, `${JSON.stringify(current, null, 2)}\n`);
  }

  async readCurrent(): Promise<CurrentSession | undefined> {
    let text: string;
    try {
      text = await fs.readFile(this.currentPath, 'utf8');
    } catch {
      return undefined;
    }
    const value = JSON.parse(text) as Partial<CurrentSession>;
    if (value.sessionId === undefined) return undefined;
    return {
      sessionId: value.sessionId,
      host: value.host ?? '',
      startedAt: value.startedAt ?? '',
      fileTimeSec: typeof value.fileTimeSec === 'number' ? value.fileTimeSec : 60,
      timeScale: typeof value.timeScale === 'number' ? value.timeScale : 1,
    };
  }

  /** The most recently saved input file id, for `session-file-repeat {lastFileId}` after a restart. */
  async newestInputFileId(sessionId: SessionId): Promise<string | undefined> {
    const dir = join(this.sessionDir(sessionId), 'input');
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch {
      return undefined;
    }
    let newest: { id: string; mtime: number } | undefined;
    for (const name of names) {
      const match = /^(\d+)(\.raw)?\.json$/.exec(name);
      if (!match) continue;
      const { mtimeMs } = await fs.stat(join(dir, name));
      if (!newest || mtimeMs > newest.mtime) newest = { id: match[1]!, mtime: mtimeMs };
    }
    return newest?.id;
  }
}
