import { Essay, escapeLoneSurrogates, stringifyDeep } from '../essay/index.js';
import { decodeWireEssay } from '../protocol/index.js';
import type { WireEssay } from '../protocol/index.js';

export type Incoming =
  { text: string; essay: Essay; error?: undefined } | { text: string; essay?: undefined; error: string };

/**
Turns a pushed `content` into the text to save and, when it is one, an essay. Pure: the caller
saves `text` before doing anything with the essay, and saves it as raw when `essay` is missing.
*/
export function readIncoming(content: WireEssay | unknown, fileId: string): Incoming {
  const source = `file ${fileId}`;
  if (typeof content === 'string') {
    // Saved as UTF-8, a lone surrogate would come back as U+FFFD: escaped, it comes back as itself.
    const text = escapeLoneSurrogates(content);
    try {
      return { text, essay: Essay.fromJSON(content, { source }) };
    } catch (error) {
      return { text, error: error instanceof Error ? error.message : String(error) };
    }
  }
  const text = safeStringify(content);
  const decoded = decodeWireEssay(content);
  if (!decoded.ok) return { text, error: decoded.error };
  try {
    return { text, essay: Essay.fromObject(decoded.value, { source }) };
  } catch (error) {
    return { text, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Any depth (100 000 levels once became `[object Object]`), lone surrogates escaped. */
function safeStringify(value: unknown): string {
  try {
    return stringifyDeep(value) ?? String(value);
  } catch {
    return String(value);
  }
}
