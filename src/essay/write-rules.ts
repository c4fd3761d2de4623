import { EssayWriteError } from './errors.js';
import type { Meta } from './meta.js';
import type { Selection } from './selection.js';
import { joinPath } from './show.js';
import { SELECTION_GROUPS, SELECTION_TEXT_FIELDS } from './types.js';

/** What the strict rules look at; `Essay` satisfies it. */
export interface WritableEssay {
  meta: Meta;
  text: string;
  selections: Iterable<Selection>;
  criteria?: Record<string, number> | undefined;
}

type Report = (path: string, field: string, value: unknown, reason: string, selectionIndex?: number) => void;

/**
Every strict write rule, in a fixed order (meta, text, selections in order, criteria), so the
first error is stable. Fields are re-checked even where constructors checked them: JavaScript
callers and markups can assign anything after construction.
*/
export function checkForWrite(essay: WritableEssay): EssayWriteError[] {
  const errors: EssayWriteError[] = [];
  const essayId = typeof essay.meta.id === 'string' ? essay.meta.id : '';
  const report: Report = (path, field, value, reason, selectionIndex) =>
    errors.push(new EssayWriteError(reason, { essayId, path, field, value, selectionIndex }));

  for (const field of ['id', 'subject'] as const) {
    const value: unknown = essay.meta[field];
    if (typeof value !== 'string') report(`meta.${field}`, field, value, 'is not a string');
    else if (value.trim() === '') report(`meta.${field}`, field, value, 'is empty');
  }
  for (const field of ['theme', 'taskText'] as const) {
    const value: unknown = essay.meta[field];
    if (typeof value !== 'string') report(`meta.${field}`, field, value, 'is not a string');
  }
  const text: unknown = essay.text;
  if (typeof text !== 'string') {
    report('text', 'text', text, 'is not a string');
    return errors;
  }

  let index = 0;
  for (const selection of essay.selections) checkSelection(selection, index++, text.length, report);

  for (const [name, value] of Object.entries(essay.criteria ?? {})) {
    if (typeof value !== 'number' || !Number.isFinite(value))
      report(joinPath('criteria', name), name, value, 'is not a number');
  }
  return errors;
}

function checkSelection(selection: Selection, index: number, textLength: number, report: Report): void {
  const at = (field: string): string => `selections[${index}].${field}`;
  const fail = (field: string, value: unknown, reason: string): void =>
    report(at(field), field, value, reason, index);

  const {
    id,
    startSelection: start,
    endSelection: end,
    type,
    group,
  } = selection as unknown as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isFinite(id)) fail('id', id, 'is not a number');

  let offsetsUsable = true;
  for (const [field, value] of [
    ['startSelection', start],
    ['endSelection', end],
  ] as const) {
    if (!Number.isInteger(value)) {
      fail(field, value, 'is not an integer');
      offsetsUsable = false;
    }
  }
  if (offsetsUsable) {
    const startAt = start as number;
    const endAt = end as number;
    if (startAt < 0) fail('startSelection', startAt, 'is negative');
    if (endAt > textLength) fail('endSelection', endAt, `is past the end of the text (length ${textLength})`);
    if (startAt > endAt) fail('startSelection', startAt, `is after endSelection (${endAt})`);
  }

  if (typeof type !== 'string') fail('type', type, 'is not a string');
  else if (type.trim() === '') fail('type', type, 'is empty');
  if (!(SELECTION_GROUPS as readonly unknown[]).includes(group))
    fail('group', group, 'is not "error" or "meaning"');
  for (const field of SELECTION_TEXT_FIELDS) {
    const value: unknown = selection[field];
    if (typeof value !== 'string') fail(field, value, 'is not a string');
  }
}
