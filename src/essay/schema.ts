import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { joinPath, showPath } from './show.js';

/**
The shipped schema file. The same relative path works from `src/essay/` (tsx) and from
`dist/essay/` (the built package), and the file is in the package's `files`.
*/
export const ESSAY_SCHEMA_URL = new URL('../../schema/essay.schema.json', import.meta.url);

export type SchemaResult = { ok: true } | { ok: false; errors: string[] };

let validator: ValidateFunction | undefined;

/** The schema as a plain object (parsed on first use). */
export function essaySchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(ESSAY_SCHEMA_URL, 'utf8')) as Record<string, unknown>;
}

// Compiling costs milliseconds; validating a compiled schema costs microseconds. Do it once, late.
function compiled(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(essaySchema());
  return validator;
}

/**
Checks a plain object against `schema/essay.schema.json`. Never throws: errors come back as
`path: message` strings, e.g. `selections[0].group: must be one of "error", "meaning"`.
The one rule JSON Schema cannot state (`endSelection <= text.length`) is `checkForWrite`'s job.
*/
export function validateEssaySchema(value: unknown): SchemaResult {
  const validate = compiled();
  if (validate(value)) return { ok: true };
  return { ok: false, errors: (validate.errors ?? []).map(formatError) };
}

function formatError(error: ErrorObject): string {
  let path = pointerToPath(error.instancePath);
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'required') {
    path = joinPath(path, String(error.params.missingProperty));
    message = 'is required';
  } else if (error.keyword === 'enum') {
    const allowed = (error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
    message = `must be one of ${allowed}`;
  }
  return `${showPath(path)}: ${message}`;
}

/** `/selections/2/endSelection` → `selections[2].endSelection`. */
function pointerToPath(pointer: string): string {
  if (pointer === '') return '';
  let path = '';
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path = /^\d+$/.test(key) ? joinPath(path, Number(key)) : joinPath(path, key);
  }
  return path;
}
