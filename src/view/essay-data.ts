// An essay file as the view reads it: lenient (a broken selection is listed, not fatal), never trusted.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ViewError } from './errors.js';

export interface ViewSelection {
  /** Index in the file's `selections` array (what `calc psr --explain` calls a fragment's index). */
  index: number;
  id: unknown;
  start: number;
  end: number;
  type: string;
  group: string;
  subtype: string;
  tag: string;
  comment: string;
  explanation: string;
  correction: string;
}

export interface ViewEssay {
  file: string;
  name: string;
  meta: Record<string, unknown>;
  text: string;
  selections: ViewSelection[];
  /** Selections that cannot be drawn (offsets outside the text, not numbers), with the reason. */
  problems: string[];
  criteria: Record<string, unknown> | undefined;
  /** The raw JSON, for the criteria computation. */
  raw: Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string =>
  typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);

export async function readViewEssay(file: string): Promise<ViewEssay> {
  let json: unknown;
  try {
    json = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ViewError(`${basename(file)} is not a JSON file: ${(error as Error).message}`, 422);
  }
  return toViewEssay(json, file);
}

export function toViewEssay(json: unknown, file: string): ViewEssay {
  if (!isRecord(json) || typeof json.text !== 'string')
    throw new ViewError(`${basename(file)} is not an essay file (no "text" string)`, 422);
  const text = json.text;
  const problems: string[] = [];
  const selections: ViewSelection[] = [];
  const list = Array.isArray(json.selections) ? json.selections : [];
  list.forEach((s: unknown, index) => {
    if (!isRecord(s)) return void problems.push(`selections[${index}] is not an object`);
    const start = s.startSelection;
    const end = s.endSelection;
    if (
      typeof start !== 'number' ||
      typeof end !== 'number' ||
      !Number.isInteger(start) ||
      !Number.isInteger(end) ||
      start < 0 ||
      end < start ||
      end > text.length
    )
      return void problems.push(
        `selections[${index}]: offsets ${str(start)}–${str(end)} do not fit a text of ${text.length} characters`,
      );
    selections.push({
      index,
      id: s.id,
      start,
      end,
      type: str(s.type),
      group: str(s.group),
      subtype: str(s.subtype),
      tag: str(s.tag),
      comment: str(s.comment),
      explanation: str(s.explanation),
      correction: str(s.correction),
    });
  });
  return {
    file,
    name: basename(file),
    meta: isRecord(json.meta) ? json.meta : {},
    text,
    selections,
    problems,
    criteria: isRecord(json.criteria) ? json.criteria : undefined,
    raw: json,
  };
}
