import { Essay } from '../essay/index.js';
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
    try {
      return { text: content, essay: Essay.fromJSON(content, { source }) };
    } catch (error) {
      return { text: content, error: error instanceof Error ? error.message : String(error) };
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

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
