import { SelectionError } from './errors.js';
import { SELECTION_KEYS, SELECTION_TEXT_FIELDS, type SelectionData, type SelectionGroup } from './types.js';

/** What `SelectionCollection.add` and `new Selection` accept: the text fields and `id` may be left out. */
export type SelectionLike = Pick<SelectionData, 'startSelection' | 'endSelection' | 'type'> & {
  group: SelectionGroup | (string & {});
} & Partial<SelectionData>;

/**
One marked fragment, `text.slice(startSelection, endSelection)`. The constructor checks the JSON
types (throwing `SelectionError`); offsets against the text, integers and the group values are
write rules, checked by `essay.checkForWrite()`, because read data may break them.
*/
export class Selection {
  id: number;
  startSelection: number;
  endSelection: number;
  type: string;
  group: string;
  subtype = '';
  tag = '';
  comment = '';
  explanation = '';
  correction = '';
  /** Unknown keys, kept as read. */
  extra: Record<string, unknown> = {};

  constructor(data: SelectionLike & { id: number }) {
    this.id = number(data, 'id');
    this.startSelection = number(data, 'startSelection');
    this.endSelection = number(data, 'endSelection');
    this.type = string(data, 'type');
    this.group = string(data, 'group');
    for (const field of SELECTION_TEXT_FIELDS)
      if (data[field] !== undefined) this[field] = string(data, field);
    for (const [key, value] of Object.entries(data)) if (!SELECTION_KEYS.has(key)) this.extra[key] = value;
  }

  /** The marked fragment of `text`. */
  fragment(text: string): string {
    return text.slice(this.startSelection, this.endSelection);
  }

  /** Markup codes compare case-insensitively (`ПРОБЛЕМА` is `проблема`). */
  hasType(code: string): boolean {
    return sameType(this.type, code);
  }

  toJSON(): SelectionData {
    const out: SelectionData = {
      id: this.id,
      startSelection: this.startSelection,
      endSelection: this.endSelection,
      type: this.type,
      group: this.group,
      subtype: this.subtype,
      tag: this.tag,
      comment: this.comment,
      explanation: this.explanation,
      correction: this.correction,
    };
    for (const [key, value] of Object.entries(this.extra)) if (!SELECTION_KEYS.has(key)) out[key] = value;
    return out;
  }
}

/** Case-insensitive comparison of markup codes, as the organisers' scoring does it. */
export function sameType(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function number(data: Record<string, unknown>, field: string): number {
  const value = data[field];
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new SelectionError(field, value, 'a finite number');
  return value;
}

function string(data: Record<string, unknown>, field: string): string {
  const value = data[field];
  if (typeof value !== 'string') throw new SelectionError(field, value, 'a string');
  return value;
}
