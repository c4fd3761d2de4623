import { randomBytes } from 'node:crypto';
import * as fsSync from 'node:fs';
import * as fs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { FileError } from './errors.js';

export interface AtomicWriteOptions {
  /**
  `true`: the data is flushed to the disk before the rename, and the directory after it, so the
  file survives a power loss once the promise resolves. `false`: nothing is flushed; the write is
  still atomic and still safe against a crash of the process (kill -9: the kernel holds the
  data), but a power loss within the file system's commit interval (about 5 s on ext4) may leave
  the file missing or empty. Each flush is an fsync: about 0.3 ms on an idle SSD, far more on a
  busy disk.
  @default true
  */
  fsync?: boolean;
  /**
  Make the open, the write, the rename and the close on the calling thread, synchronously; only
  the flushes (with `fsync`) go to the thread pool. For one small file on the hot path: four
  system calls of some microseconds each cost less than four round trips through the thread pool,
  which on a busy machine wait for a free worker and a wake-up each. Not for large files or slow
  disks: the event loop waits for those calls.
  @default false
  */
  inline?: boolean;
}

const fsyncFd = promisify(fsSync.fsync);

// Unique per process without a random draw per write: pid, a token drawn once, a counter.
const processToken = randomBytes(4).toString('hex');
let tempCounter = 0;

/** `.{name}.{pid}-{token}.{n}.tmp`: hidden, and tells which process wrote it. */
function tempPath(path: string): string {
  tempCounter += 1;
  return join(dirname(path), `.${basename(path)}.${process.pid}-${processToken}.${tempCounter}.tmp`);
}

/**
Writes `data` so that `path` holds either the old content or the new, never a torn mix: the
data goes to a temporary file in the same directory (rename is atomic only within one file
system), is flushed (unless `fsync: false`), then renamed over `path`, and the directory is
flushed so the new name survives a power loss too; concurrent writers in one directory share
directory flushes. Missing directories are created (looked for only when the open fails). On
failure the temporary file is removed and a `FileError` names `path` and the cause
(`ENOSPC`, `EACCES`, …). A crash of the process can leave a temporary file
(`.{name}.{pid}-{token}.{n}.tmp`), never a torn `path`.
*/
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const fsync = options.fsync ?? true;
  if (options.inline === true) return writeInline(path, data, fsync);
  const dir = dirname(path);
  const temp = tempPath(path);
  let fd: number | undefined;
  let created = false;
  try {
    // File descriptors and callbacks, not FileHandles: each step is one thread-pool round trip.
    // (Synchronous calls were tried: in a burst, creating files waits for the journal commits of
    // the concurrent fsyncs, and the main thread stalled with it.)
    fd = await openTemp(temp, dir);
    created = true;
    await writeFd(fd, data);
    if (fsync) await fsyncFd(fd);
    // The data is complete (and flushed if asked): the rename need not wait for the close.
    await renamePath(temp, path);
    created = false;
    const closing = closeFd(fd);
    fd = undefined;
    await (fsync ? Promise.all([closing, syncDirectory(dir)]) : closing);
  } catch (error) {
    if (fd !== undefined) closeQuietly(fd);
    if (created) unlinkQuietly(temp);
    throw new FileError('write', path, error);
  }
}

/** `writeFileAtomic` with `inline`: the same steps, the file-system calls made in place. */
async function writeInline(path: string, data: string | Uint8Array, fsync: boolean): Promise<void> {
  const dir = dirname(path);
  const temp = tempPath(path);
  let fd: number | undefined;
  let created = false;
  try {
    fd = openTempSync(temp, dir);
    created = true;
    fsSync.writeFileSync(fd, data);
    if (fsync) await fsyncFd(fd);
    fsSync.renameSync(temp, path);
    created = false;
    fsSync.closeSync(fd);
    fd = undefined;
    if (fsync) await syncDirectory(dir);
  } catch (error) {
    if (fd !== undefined) closeQuietly(fd);
    if (created) unlinkQuietly(temp);
    throw new FileError('write', path, error);
  }
}

function openTempSync(temp: string, dir: string): number {
  try {
    return fsSync.openSync(temp, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    fsSync.mkdirSync(dir, { recursive: true });
    return fsSync.openSync(temp, 'wx');
  }
}

const openFd = promisify(fsSync.open);
const writeFd = promisify(fsSync.writeFile);
const closeFd = promisify(fsSync.close);
const renamePath = promisify(fsSync.rename);

/** Opens the temporary file; the directory is created only when it is missing. */
async function openTemp(temp: string, dir: string): Promise<number> {
  try {
    return await openFd(temp, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await fs.mkdir(dir, { recursive: true });
    return openFd(temp, 'wx');
  }
}

function closeQuietly(fd: number): void {
  try {
    fsSync.closeSync(fd);
  } catch {
    // Already closed or never valid: nothing to release.
  }
}

function unlinkQuietly(path: string): void {
  try {
    fsSync.unlinkSync(path);
  } catch {
    // Gone already.
  }
}

/**
Group commit of directory flushes: writers that renamed while a flush of the same directory was
running share the next one, so a burst of saves costs a few directory fsyncs, not one each.
*/
interface DirFlush {
  running: Promise<void>;
  /** The flush after `running`, for renames that may have missed it. */
  queued?: Promise<void>;
}
const dirFlushes = new Map<string, DirFlush>();

/**
Flushes `dir`'s entries (a new or renamed name) to the disk. Concurrent callers for one directory
share flushes. A no-op where directories cannot be flushed (Windows).
*/
export function syncDirectory(dir: string): Promise<void> {
  const current = dirFlushes.get(dir);
  if (current === undefined) return startDirFlush(dir);
  current.queued ??= current.running.catch(() => undefined).then(() => startDirFlush(dir));
  return current.queued;
}

function startDirFlush(dir: string): Promise<void> {
  const flush: DirFlush = { running: Promise.resolve() };
  flush.running = flushDirectory(dir).finally(() => {
    if (dirFlushes.get(dir) === flush && flush.queued === undefined) dirFlushes.delete(dir);
  });
  dirFlushes.set(dir, flush);
  return flush.running;
}

/** Opening a directory needs no journal, so it is done in place; only the fsync goes to the pool. */
async function flushDirectory(dir: string): Promise<void> {
  let fd: number;
  try {
    fd = fsSync.openSync(dir, 'r');
  } catch (error) {
    // Some systems (Windows) cannot open a directory for flushing; the rename is all they offer.
    if (isUnsupportedDirSync(error)) return;
    throw error;
  }
  try {
    await fsyncFd(fd);
  } catch (error) {
    if (!isUnsupportedDirSync(error)) throw error;
  } finally {
    fsSync.closeSync(fd);
  }
}

function isUnsupportedDirSync(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EISDIR' || code === 'EPERM' || code === 'EINVAL' || code === 'EBADF';
}
