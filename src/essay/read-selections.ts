import { isRecord, numericString, type ReadContext } from './read-context.js';
import { jsonType, showValue } from './show.js';
import { SELECTION_GROUPS, SELECTION_KEYS, SELECTION_TEXT_FIELDS, type SelectionData } from './types.js';

/**
Reads `selections` leniently. A selection without usable offsets is dropped (with a warning);
everything else is kept as written, with a warning, so the strict write check can name it.
Paths use the index in the file, which stays right even when an earlier selection is dropped.
*/
export function readSelections(raw: unknown, textLength: number, ctx: ReadContext): SelectionData[] {
  if (raw === undefined || raw === null) {
    ctx.warn('selections', `${raw === null ? 'null' : 'missing'}; read as []`);
    return [];
  }
  if (!Array.isArray(raw)) ctx.fail('selections', `expected an array, got ${jsonType(raw)}`);

  const selections: SelectionData[] = [];
  const withoutId: { selection: SelectionData; path: string }[] = [];
  const firstWithId = new Map<number, string>();
  raw.forEach((item: unknown, index) => {
    const path = `selections[${index}]`;
    const selection = readSelection(item, path, textLength, ctx);
    if (selection === undefined) return;
    selections.push(selection);
    if (Number.isNaN(selection.id)) {
      withoutId.push({ selection, path });
      return;
    }
    const earlier = firstWithId.get(selection.id);
    if (earlier === undefined) firstWithId.set(selection.id, path);
    else ctx.warn(`${path}.id`, `${selection.id} repeats ${earlier}.id`);
  });

  // A loop, not Math.max(...ids): spreading over 100 000 ids overflows the call stack.
  let max = 0;
  for (const id of firstWithId.keys()) if (id > max) max = id;
  let next = max + 1;
  for (const { selection, path } of withoutId) {
    selection.id = next++;
    ctx.warn(`${path}.id`, `missing or not a number; assigned ${selection.id}`);
  }
  return selections;
}

function readSelection(
  raw: unknown,
  path: string,
  textLength: number,
  ctx: ReadContext,
): SelectionData | undefined {
  if (!isRecord(raw)) {
    ctx.warn(path, `expected an object, got ${jsonType(raw)}; dropped`);
    return undefined;
  }
  const start = readOffset(raw, 'startSelection', path, ctx);
  const end = readOffset(raw, 'endSelection', path, ctx);
  if (start === undefined || end === undefined) return undefined;

  const selection: SelectionData = {
    // NaN marks "assign a fresh id" until every id in the file is known.
    id: readNumber(raw.id, `${path}.id`, ctx) ?? Number.NaN,
    startSelection: start,
    endSelection: checkEnd(end, textLength, `${path}.endSelection`, ctx),
    type: readType(raw.type, `${path}.type`, ctx),
    group: readGroup(raw.group, `${path}.group`, ctx),
    subtype: '',
    tag: '',
    comment: '',
    explanation: '',
    correction: '',
  };
  if (start < 0) ctx.warn(`${path}.startSelection`, `${start} is negative`);
  if (start > selection.endSelection)
    ctx.warn(`${path}.startSelection`, `${start} is after endSelection (${selection.endSelection})`);
  for (const field of SELECTION_TEXT_FIELDS)
    selection[field] = ctx.defaultedString(`${path}.${field}`, raw[field], true);
  for (const key of Object.keys(raw)) if (!SELECTION_KEYS.has(key)) selection[key] = ctx.keep(raw[key]);
  return selection;
}

function readNumber(value: unknown, path: string, ctx: ReadContext): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const number = numericString(value);
    if (number !== undefined) {
      ctx.warn(path, `${showValue(value)} is a string; read as ${number}`);
      return number;
    }
  }
  return undefined;
}

function readOffset(
  raw: Record<string, unknown>,
  field: 'startSelection' | 'endSelection',
  path: string,
  ctx: ReadContext,
): number | undefined {
  const value = raw[field];
  const number = readNumber(value, `${path}.${field}`, ctx);
  if (number === undefined) {
    const problem = value === undefined ? 'missing' : `${showValue(value)} is not a number`;
    ctx.warn(`${path}.${field}`, `${problem}; selection dropped`);
    return undefined;
  }
  if (!Number.isInteger(number)) ctx.warn(`${path}.${field}`, `${number} is not an integer`);
  return number;
}

function checkEnd(end: number, textLength: number, path: string, ctx: ReadContext): number {
  // Real expert files sometimes point one past the end; the fragment is the same once clamped.
  if (end === textLength + 1) {
    ctx.warn(path, `${end} is one past the end of the text (length ${textLength}); clamped to ${textLength}`);
    return textLength;
  }
  if (end > textLength) ctx.warn(path, `${end} is past the end of the text (length ${textLength})`);
  return end;
}

function readType(value: unknown, path: string, ctx: ReadContext): string {
  const type = ctx.defaultedString(path, value, true);
  if (type.trim() === '' && typeof value === 'string') ctx.warn(path, 'is empty');
  return type;
}

function readGroup(value: unknown, path: string, ctx: ReadContext): string {
  const group = ctx.defaultedString(path, value, true);
  if (typeof value === 'string' && !(SELECTION_GROUPS as readonly string[]).includes(group))
    ctx.warn(path, `${showValue(group)} is not "error" or "meaning"`);
  return group;
}
