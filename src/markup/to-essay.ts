import { Essay } from '../essay/index.js';
import { MarkupError } from './errors.js';

/**
Turns what a markup returned into an `Essay`: an `Essay` passes through, an essay from another
copy of the package (it has `toJSON`) or a plain essay object is read with `Essay.fromObject`.
`null` stays `null` ("send nothing"). Anything else is an `invalid` MarkupError.
*/
export function toEssay(value: unknown, where: { markup: string; fileId: string }): Essay | null {
  if (value === null || value instanceof Essay) return value;
  if (typeof value !== 'object' || value === undefined || isThenable(value)) {
    throw new MarkupError(
      `markup "${where.markup}" returned ${describe(value)} for file ${where.fileId}, not an essay`,
      'invalid',
      where,
    );
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  const data: unknown = typeof toJSON === 'function' ? (toJSON.call(value) as unknown) : value;
  try {
    return Essay.fromObject(data, { source: `the result of markup "${where.markup}"` });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MarkupError(
      `markup "${where.markup}" returned an object that is not an essay for file ${where.fileId}: ${reason}`,
      'invalid',
      where,
      { cause: error },
    );
  }
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** `undefined`, `a number`, `a Promise`, `an object (Map)`: how a wrong value reads in a message. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (isThenable(value)) return 'a Promise';
  if (typeof value === 'object') {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return `an object (${typeof name === 'string' && name !== '' ? name : 'Object'})`;
  }
  if (typeof value === 'function') return 'a function';
  return `a ${typeof value}`;
}
