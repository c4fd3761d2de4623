// Reading one JSON file of a dataset or an import source, with the syntax error's line and column.
import { readFile } from 'node:fs/promises';
import { EssayReadError, parseJsonText } from '../essay/index.js';

export type JsonRead = { ok: true; value: unknown } | { ok: false; message: string };

/** Never throws: a file that cannot be read or parsed gives `{ok: false, message}` (`line:column: reason`). */
export async function readJsonFile(file: string): Promise<JsonRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, message: code === 'ENOENT' ? 'file not found' : `cannot read: ${String(error)}` };
  }
  try {
    return { ok: true, value: parseJsonText(text.replace(/^\uFEFF/, ''), file) };
  } catch (error) {
    if (error instanceof EssayReadError)
      return { ok: false, message: `${error.line ?? 1}:${error.column ?? 1}: ${error.reason}` };
    throw error;
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
