/** One item the model proposed. */
export interface Proposal {
  quote: string;
  type: string;
  comment: string;
}

export class ParseError extends Error {}

/**
Reads the model's answer: a JSON list of `{quote, type, comment}`, or an object holding one
(`{"selections": [...]}`, any key), possibly inside a code fence or after some prose. Items without a
string quote and type are skipped and counted.
*/
export function parseProposals(content: string): { proposals: Proposal[]; malformed: number } {
  const value = firstJson(content);
  const list = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null
      ? Object.values(value as Record<string, unknown>).find(Array.isArray)
      : undefined;
  if (!Array.isArray(list)) {
    const shown = content.replace(/\s+/g, ' ').trim().slice(0, 120);
    throw new ParseError(
      `answered ${value === undefined ? 'prose' : 'JSON without a list'}, not a JSON list of {quote, type, comment}: "${shown}"`,
    );
  }
  const proposals: Proposal[] = [];
  let malformed = 0;
  for (const item of list) {
    const o = item as Record<string, unknown> | null;
    if (typeof o !== 'object' || o === null || typeof o.quote !== 'string' || typeof o.type !== 'string') {
      malformed += 1;
      continue;
    }
    proposals.push({
      quote: o.quote,
      type: o.type.trim(),
      comment: typeof o.comment === 'string' ? o.comment : '',
    });
  }
  return { proposals, malformed };
}

/** The whole content as JSON, else the first balanced `[...]` or `{...}` in it that parses. */
function firstJson(content: string): unknown {
  try {
    return JSON.parse(content) as unknown;
  } catch {
    // prose around the JSON, or a code fence
  }
  for (let start = 0; start < content.length; start++) {
    const open = content[start];
    if (open !== '[' && open !== '{') continue;
    const end = balancedEnd(content, start);
    if (end === -1) continue;
    try {
      return JSON.parse(content.slice(start, end + 1)) as unknown;
    } catch {
      // not this one
    }
  }
  return undefined;
}

function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
