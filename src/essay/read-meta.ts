import { isRecord, numericString, type ReadContext } from './read-context.js';
import { jsonType, showValue } from './show.js';
import { SUBJECTS, type MetaData } from './types.js';

/** The organisers' schema asked for this many characters; their own samples have 6. */
const SCHEMA_ID_LENGTH = 7;
const OPTIONAL_STRINGS = ['uuid', 'test', 'category', 'name', 'expert', 'markupUuid'] as const;
const KNOWN = new Set<string>([
  'id',
  'subject',
  'theme',
  'taskText',
  'class',
  'year',
  'third',
  ...OPTIONAL_STRINGS,
]);

/** Reads `meta` leniently; throws only when `meta`, `meta.id` or `meta.subject` is unusable. */
export function readMeta(raw: unknown, ctx: ReadContext): MetaData {
  if (raw === undefined) ctx.fail('meta', 'missing (required)');
  if (!isRecord(raw)) ctx.fail('meta', `expected an object, got ${jsonType(raw)}`);

  const id = requiredString(raw, 'id', ctx);
  if (id.length < SCHEMA_ID_LENGTH)
    ctx.warn(
      'meta.id',
      `${showValue(id)} has ${id.length} characters; the organisers' schema asks for at least ${SCHEMA_ID_LENGTH}`,
    );
  const subject = requiredString(raw, 'subject', ctx);
  if (!(SUBJECTS as readonly string[]).includes(subject))
    ctx.warn('meta.subject', `unknown subject ${showValue(subject)} (known: ${SUBJECTS.join(', ')})`);

  const meta: MetaData = {
    id,
    subject,
    theme: ctx.defaultedString('meta.theme', raw.theme, true),
    taskText: ctx.defaultedString('meta.taskText', raw.taskText, true),
  };
  for (const key of OPTIONAL_STRINGS) {
    const value = ctx.optionalString(`meta.${key}`, raw[key]);
    if (value !== undefined) meta[key] = value;
  }
  const grade = ctx.optionalString('meta.class', raw.class);
  if (grade !== undefined) meta.class = grade;
  const year = readYear(raw.year, ctx);
  if (year !== undefined) meta.year = year;
  const third = readThird(raw.third, ctx);
  if (third !== undefined) meta.third = third;

  for (const key of Object.keys(raw)) if (!KNOWN.has(key)) meta[key] = ctx.keep(raw[key]);
  return meta;
}

function requiredString(raw: Record<string, unknown>, key: 'id' | 'subject', ctx: ReadContext): string {
  const value = raw[key];
  const path = `meta.${key}`;
  if (value === undefined) ctx.fail(path, 'missing (required)');
  if (typeof value !== 'string') ctx.fail(path, `expected a string, got ${jsonType(value)}`);
  if (value.trim() === '') ctx.fail(path, 'is empty');
  return value;
}

function readYear(value: unknown, ctx: ReadContext): number | undefined {
  if (value === undefined || typeof value === 'number') return value;
  if (typeof value === 'string') {
    const number = numericString(value);
    if (number !== undefined) {
      ctx.warn('meta.year', `${showValue(value)} is a string; read as ${number}`);
      return number;
    }
  }
  ctx.warn('meta.year', `expected a number, got ${showValue(value)}; dropped`);
  return undefined;
}

function readThird(value: unknown, ctx: ReadContext): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false' || value === 0 || value === 1) {
    const flag = value === 'true' || value === 1;
    ctx.warn('meta.third', `${showValue(value)} is not a boolean; read as ${flag}`);
    return flag;
  }
  ctx.warn('meta.third', `expected a boolean, got ${showValue(value)}; dropped`);
  return undefined;
}
