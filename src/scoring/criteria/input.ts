import { CriteriaError, OFFICIAL_MESSAGES } from './errors.js';
import { isSubject } from './types.js';
import type { Subject } from './types.js';

/** One selection as the rules use it; `tag` and offsets stay raw because quirks depend on them. */
export interface NormalizedSelection {
  readonly index: number;
  /** The raw type: history roles/causes compare it case-sensitively (docs/scoring.md §3.6). */
  readonly type: string;
  /** `type.toLowerCase()`, the key of N[c] (§3.1.2). */
  readonly code: string;
  readonly tag: unknown;
  readonly start: unknown;
  readonly end: unknown;
}

export interface NormalizedInput {
  readonly subject: Subject;
  readonly text: string;
  readonly selections: readonly NormalizedSelection[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  // JSON.stringify spells Infinity and NaN (1e400 in a file) as null, which would misname the value.
  const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
  return `${Array.isArray(value) ? 'an array' : typeof value} (${shown})`;
}

/** Subject checks in the official order: meta, then no subject, then unknown subject (§3.8). */
export function readSubject(meta: unknown, field = 'meta'): Subject {
  if (!isRecord(meta)) {
    // The official package crashes here with a raw TypeError.
    throw new CriteriaError('missing-meta', `${field} is ${describe(meta)}, expected an object`, {
      field,
      value: meta,
    });
  }
  const subject = meta.subject;
  if (!subject) {
    throw new CriteriaError('missing-subject', `${field}.subject is missing or empty`, {
      field: `${field}.subject`,
      officialMessage: OFFICIAL_MESSAGES.noSubject,
      value: subject,
    });
  }
  if (!isSubject(subject)) {
    throw new CriteriaError(
      'unknown-subject',
      `${field}.subject ${JSON.stringify(subject)} is not supported ` +
        '(expected rus, rus-free, lit, social, hist, eng or eng-free)',
      { field: `${field}.subject`, officialMessage: OFFICIAL_MESSAGES.unknownSubject, value: subject },
    );
  }
  return subject;
}

function checkOffsetPair(sel: Record<string, unknown>, index: number, textLength: number): void {
  for (const key of ['startSelection', 'endSelection'] as const) {
    const value = sel[key];
    // Real expert files sometimes end one past the text; the essay module clamps that with a warning.
    const limit = key === 'endSelection' ? textLength + 1 : textLength;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > limit) {
      throw new CriteriaError(
        'bad-offset',
        `selections[${index}].${key} is ${describe(value)}, expected an integer in 0..${limit} (text length ${textLength})`,
        { field: `selections[${index}].${key}`, value },
      );
    }
  }
  if ((sel.startSelection as number) > (sel.endSelection as number)) {
    throw new CriteriaError(
      'bad-offset',
      `selections[${index}].startSelection (${String(sel.startSelection)}) is greater than endSelection (${String(sel.endSelection)})`,
      { field: `selections[${index}].startSelection`, value: sel.startSelection },
    );
  }
}

/**
Validates what the rules need and nothing more. Where the official package crashed
(missing meta, a selection without a string `type`), this throws a `CriteriaError` naming
the field; missing or null `selections` is an empty markup, as in the official package.
*/
export function normalizeInput(input: unknown, checkOffsets = false): NormalizedInput {
  if (!isRecord(input)) {
    throw new CriteriaError('missing-meta', `input is ${describe(input)}, expected an essay object`, {
      value: input,
    });
  }
  const subject = readSubject(input.meta);
  const text = input.text;
  if (typeof text !== 'string') {
    throw new CriteriaError('bad-text', `text is ${describe(text)}, expected a string`, {
      field: 'text',
      value: text,
    });
  }
  const raw = input.selections;
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
    throw new CriteriaError('bad-selections', `selections is ${describe(raw)}, expected an array`, {
      field: 'selections',
      value: raw,
    });
  }
  const selections: NormalizedSelection[] = [];
  for (const [index, sel] of ((raw ?? []) as unknown[]).entries()) {
    if (!isRecord(sel)) {
      throw new CriteriaError(
        'bad-selection',
        `selections[${index}] is ${describe(sel)}, expected an object`,
        {
          field: `selections[${index}]`,
          value: sel,
        },
      );
    }
    const type = sel.type;
    if (typeof type !== 'string') {
      // The official package calls type.toLowerCase() and crashes with a TypeError.
      throw new CriteriaError(
        'bad-type',
        `selections[${index}].type is ${describe(type)}, expected a string`,
        {
          field: `selections[${index}].type`,
          value: type,
        },
      );
    }
    if (checkOffsets) checkOffsetPair(sel, index, text.length);
    selections.push({
      index,
      type,
      code: type.toLowerCase(),
      tag: sel.tag,
      start: sel.startSelection,
      end: sel.endSelection,
    });
  }
  return { subject, text, selections };
}
