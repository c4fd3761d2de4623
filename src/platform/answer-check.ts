import { Essay } from '../essay/index.js';
import { decodeWireEssay } from '../protocol/index.js';

export type AnswerCheck = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return i;
  return n;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const show = (v: unknown): string =>
  v === undefined
    ? 'missing'
    : typeof v === 'number'
      ? String(v)
      : (JSON.stringify(v) ?? String(v)).slice(0, 40);

/**
The offsets the platform scores with must point into the pushed text: integers with
0 ≤ startSelection ≤ endSelection ≤ text length. The essay reader is lenient (it drops or clamps
what it cannot use, with a warning), so an answer is checked here, strictly, before it may count.
*/
function checkOffsets(selections: unknown, textLength: number): string | undefined {
  if (selections === undefined || selections === null) return undefined;
  if (!Array.isArray(selections)) return undefined; // the essay reader names this one
  for (let i = 0; i < selections.length; i++) {
    const s: unknown = selections[i];
    if (!isRecord(s)) return `selections[${i}] must be an object (got ${show(s)})`;
    for (const key of ['startSelection', 'endSelection'] as const) {
      const v = s[key];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > textLength) {
        return `selections[${i}].${key} must be an integer from 0 to ${textLength}, the text length (got ${show(v)})`;
      }
    }
    if ((s.startSelection as number) > (s.endSelection as number)) {
      return `selections[${i}].startSelection (${String(s.startSelection)}) is after endSelection (${String(s.endSelection)})`;
    }
  }
  return undefined;
}

/**
Checks a returned `content` against the pushed essay: it decodes (string or object), reads as an
essay (lenient: only what cannot be an essay fails), carries exactly the pushed text, since
every selection offset points into that text, and every offset is inside it. The value is the answer as sent, to be stored.
*/
export function checkAnswer(content: unknown, fileId: string, pushedText: string): AnswerCheck {
  const decoded = decodeWireEssay(content);
  if (!decoded.ok) return { ok: false, reason: decoded.error };
  let essay: Essay;
  try {
    essay = Essay.fromObject(decoded.value, { source: `file ${fileId}` });
  } catch (error) {
    return { ok: false, reason: `content is not an essay: ${(error as Error).message}` };
  }
  if (essay.text !== pushedText) {
    const at = firstDifference(essay.text, pushedText);
    return {
      ok: false,
      reason:
        `content.text differs from the pushed text of file ${fileId} at offset ${at} ` +
        `(returned ${essay.text.length} characters, pushed ${pushedText.length})`,
    };
  }
  const bad = checkOffsets(decoded.value.selections, pushedText.length);
  if (bad !== undefined) return { ok: false, reason: bad };
  return { ok: true, value: decoded.value };
}
