import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { EssayFileError } from './errors.js';

/** The file operations `writeFileAtomic` needs; tests swap one out to simulate a full disk. */
export interface AtomicWriteOps {
  mkdir: typeof fs.mkdir;
  open: typeof fs.open;
  rename: typeof fs.rename;
  unlink: typeof fs.unlink;
}

const realOps: AtomicWriteOps = { mkdir: fs.mkdir, open: fs.open, rename: fs.rename, unlink: fs.unlink };

/**
Writes `data` so that `path` holds either the old content or the new, never a torn mix: the
data goes to a temporary file in the same directory (rename is atomic only within one file
system), is flushed, then renamed over `path`. Missing directories are created. On failure the
temporary file is removed and an `EssayFileError` names `path` and the cause (`ENOSPC`, `EACCES`, …).
*/
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  return writeFileAtomicWith(realOps, path, data);
}

export async function writeFileAtomicWith(
  ops: AtomicWriteOps,
  path: string,
  data: string | Uint8Array,
): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    await ops.mkdir(dir, { recursive: true });
    const handle = await ops.open(temp, 'wx');
    created = true;
    try {
      await handle.writeFile(data);
      // Without the flush a crash right after rename can leave an empty file on some file systems.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await ops.rename(temp, path);
  } catch (error) {
    if (created) await ops.unlink(temp).catch(() => undefined);
    throw new EssayFileError('write', path, error);
  }
}

/** Reads a UTF-8 file, turning I/O failures into `EssayFileError`. */
export async function readTextFile(path: string): Promise<string> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    throw new EssayFileError('read', path, error);
  }
}
