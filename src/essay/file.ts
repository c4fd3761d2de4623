import * as fs from 'node:fs/promises';
import { FileError, writeFileAtomic } from '../fs/index.js';
import { EssayFileError } from './errors.js';

/** Reads a UTF-8 file, turning I/O failures into `EssayFileError`. */
export async function readTextFile(path: string): Promise<string> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    throw new EssayFileError('read', path, error);
  }
}

/** Writes an essay file atomically and flushed (see `writeFileAtomic`); failures are `EssayFileError`s. */
export async function writeEssayFile(path: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(path, text);
  } catch (error) {
    if (error instanceof FileError) throw new EssayFileError('write', path, error.cause);
    throw error;
  }
}
