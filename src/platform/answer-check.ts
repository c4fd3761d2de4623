import { Essay } from '../essay/index.js';
import { decodeWireEssay } from '../protocol/index.js';

export type AnswerCheck = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return i;
  return n;
}

/**
Checks a returned `content` against the pushed essay: it decodes (string or object), reads as an
essay (lenient: only what cannot be an essay fails), and carries exactly the pushed text, since
every selection offset points into that text. The value is the answer as sent, to be stored.
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
  return { ok: true, value: decoded.value };
}
