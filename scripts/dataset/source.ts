// Reads the demo dataset's sources: one YAML file per essay in scripts/dataset/source/, checked
// against source.schema.json (docs/dataset-format.md §3). The rules a schema cannot state (quotes
// found in the text, codes in the catalogue, criteria maxima) are validate.ts's job.
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { DatasetSourceFileError } from './errors.js';
import type { SourceEssay } from './types.js';

export const SOURCE_DIR = fileURLToPath(new URL('./source/', import.meta.url));
export const SOURCE_SCHEMA_URL = new URL('./source.schema.json', import.meta.url);

let validator: ValidateFunction | undefined;

function compiled(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(
    JSON.parse(readFileSync(SOURCE_SCHEMA_URL, 'utf8')) as Record<string, unknown>,
  );
  return validator;
}

/** `/experts/0/selections/3` → `experts[0].selections[3]`. */
function showPointer(pointer: string): string {
  const path = pointer
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('');
  return path.startsWith('.') ? path.slice(1) : path || '(top level)';
}

function showError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const extra =
    error.keyword === 'additionalProperties'
      ? ` (${String(params.additionalProperty)})`
      : error.keyword === 'enum'
        ? ` (${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})`
        : '';
  return `${showPointer(error.instancePath)}: ${error.message ?? 'is invalid'}${extra}`;
}

/** Parses and schema-checks one source file; `file` is its name, which must be `{id}.yaml`. */
export function parseSource(file: string, text: string): SourceEssay {
  let value: unknown;
  try {
    value = parse(text, { uniqueKeys: true });
  } catch (error) {
    throw new DatasetSourceFileError(file, [`not valid YAML: ${(error as Error).message}`]);
  }
  const validate = compiled();
  if (!validate(value)) throw new DatasetSourceFileError(file, (validate.errors ?? []).map(showError));
  const essay = value as SourceEssay;
  if (file !== `${essay.id}.yaml`) {
    throw new DatasetSourceFileError(file, [`id ${essay.id} needs the file name ${essay.id}.yaml`]);
  }
  return essay;
}

/** Every `*.yaml` source in `dir`, in file-name order. */
export async function loadSources(dir: string = SOURCE_DIR): Promise<SourceEssay[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.yaml')).sort();
  return Promise.all(files.map(async (file) => parseSource(file, await readFile(join(dir, file), 'utf8'))));
}
