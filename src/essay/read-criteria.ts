import { isRecord, numericString, type ReadContext } from './read-context.js';
import { joinPath, jsonType, showValue } from './show.js';
import type { CriteriaData } from './types.js';

/**
Reads `criteria` (or the `criterias` typo found in one real file). Returns the criteria and the
keys of `root` it consumed, so the caller keeps the rest as unknown keys.
*/
export function readCriteria(
  root: Record<string, unknown>,
  ctx: ReadContext,
): { criteria: CriteriaData | undefined; consumed: string[] } {
  let key = 'criteria';
  if (root.criteria === undefined && root.criterias !== undefined) {
    key = 'criterias';
    ctx.warn('criterias', 'misspelt key; read as criteria');
  } else if (root.criterias !== undefined) {
    ctx.warn('criterias', 'ignored because criteria is present too; kept as an unknown key');
  }
  const raw = root[key];
  if (raw === undefined) return { criteria: undefined, consumed: [] };
  if (!isRecord(raw)) {
    ctx.warn(key, `expected an object, got ${jsonType(raw)}; dropped`);
    return { criteria: undefined, consumed: [key] };
  }

  const criteria: CriteriaData = {};
  for (const [name, value] of Object.entries(raw)) {
    const path = joinPath(key, name);
    if (typeof value === 'number' && Number.isFinite(value)) {
      criteria[name] = value;
      continue;
    }
    const number = typeof value === 'string' ? numericString(value) : undefined;
    if (number !== undefined) {
      ctx.warn(path, `${showValue(value)} is a string; read as ${number}`);
      criteria[name] = number;
    } else {
      ctx.warn(path, `expected a number, got ${showValue(value)}; dropped`);
    }
  }
  return { criteria, consumed: [key] };
}
