// One single-markup essay file → the pieces PSR needs, checked strictly (docs/scoring.md §1.3, §1.4, §8.2).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Essay, formatWarning } from '../../essay/index.js';
import { MAX_MATCH_SELECTIONS } from '../psr/match.js';
import type { PsrSelection } from '../psr/index.js';
import { PsrInputError } from './errors.js';

export interface MarkupFile {
  file: string;
  /** File name without `.json`: the markup id in the PSR envelope (no `markupUuid` needed). */
  markupId: string;
  /** `meta.uuid ?? meta.id`: the id the M7 tables key on. */
  essayId: string;
  meta: Record<string, unknown> & { subject: string };
  text: string;
  criteria: Record<string, number> | undefined;
  /** As written in the file (unknown keys kept), after the checks below. */
  selections: PsrSelection[];
  /** Tolerated deviations, already formatted `file: path: message`. */
  warnings: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function show(v: unknown): string {
  if (v === undefined) return 'missing';
  // JSON.stringify spells Infinity (1e400 in a file) as null, which would misname the value.
  return typeof v === 'number' ? String(v) : JSON.stringify(v);
}

export async function readMarkupFile(file: string): Promise<MarkupFile> {
  let json: string;
  try {
    json = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PsrInputError(code === 'ENOENT' ? 'file not found' : `cannot read: ${String(error)}`, { file });
  }
  return parseMarkupFile(json, file);
}

/**
Parses one file. The essay module reads the structure (JSON syntax with line:column, meta, text) and
collects warnings; what PSR cannot score or would score wrongly is rejected here, because the essay
reader is lenient on purpose (it coerces numeric-string criteria and clamps offsets).
*/
export function parseMarkupFile(json: string, file: string): MarkupFile {
  let early: unknown;
  try {
    early = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch {
    // Essay.fromJSON below names the syntax error with its line and column.
  }
  // Before the essay reader walks every selection: an absurd count is refused at once.
  const count = isRecord(early) && Array.isArray(early.selections) ? early.selections.length : 0;
  if (count > MAX_MATCH_SELECTIONS)
    throw new PsrInputError(`${count} selections; PSR accepts at most ${MAX_MATCH_SELECTIONS} per markup`, {
      file,
      field: 'selections',
    });
  // Throws EssayReadError naming file and path for what cannot be an essay at all.
  const essay = Essay.fromJSON(json, { source: file });
  const raw = (early ?? JSON.parse(json.replace(/^\uFEFF/, ''))) as Record<string, unknown>;
  const meta = raw.meta as Record<string, unknown> & { subject: string; id: string };
  const text = raw.text as string;
  const fail = (field: string, reason: string): never => {
    throw new PsrInputError(reason, { file, field });
  };

  if (!('selections' in raw) || raw.selections === undefined)
    fail('selections', "missing; PSR needs the markup's selections (use [] for an empty markup)");
  if (!Array.isArray(raw.selections)) fail('selections', `expected an array, got ${show(raw.selections)}`);
  const selections = (raw.selections as unknown[]).map((s, i) =>
    checkSelection(s, `selections[${i}]`, text, fail),
  );

  if (raw.criteria === undefined && raw.criterias !== undefined)
    fail('criterias', 'misspelt key; rename it to "criteria"');
  let criteria: Record<string, number> | undefined;
  if (raw.criteria !== undefined) {
    if (!isRecord(raw.criteria)) fail('criteria', `expected an object of numbers, got ${show(raw.criteria)}`);
    criteria = {};
    for (const [key, value] of Object.entries(raw.criteria as Record<string, unknown>)) {
      if (typeof value !== 'number' || !Number.isFinite(value))
        fail(
          `criteria.${key}`,
          `expected a number, got ${show(value)}` +
            (typeof value === 'string'
              ? ' (a string: the official PSR would concatenate it into the sum)'
              : ''),
        );
      // Points are never negative; -1e308 twelve times would sum to -Infinity (null in JSON).
      if ((value as number) < 0)
        fail(`criteria.${key}`, `${value as number} is negative; criteria are points, 0 or more`);
      criteria[key] = value as number;
    }
  }

  const warnings = essay.warnings.map(formatWarning);
  selections.forEach((s, i) => {
    for (const f of ['subtype', 'correction'] as const)
      if (s[f] === undefined)
        warnings.push(
          `${file}: selections[${i}].${f}: missing; the official PSR leaves this selection out of ` +
            `${f === 'subtype' ? 'M4/M5' : 'M6'} matching (write "" to include it)`,
        );
  });

  const uuid = typeof meta.uuid === 'string' && meta.uuid !== '' ? meta.uuid : undefined;
  return {
    file,
    markupId: basename(file).replace(/\.json$/i, ''),
    essayId: uuid ?? meta.id,
    meta,
    text,
    criteria,
    selections,
    warnings,
  };
}

function checkSelection(
  s: unknown,
  path: string,
  text: string,
  fail: (field: string, reason: string) => never,
): PsrSelection {
  if (!isRecord(s)) return fail(path, `expected an object, got ${show(s)}`);
  for (const f of ['startSelection', 'endSelection'] as const) {
    const v = s[f];
    if (typeof v !== 'number' || !Number.isInteger(v))
      fail(`${path}.${f}`, `expected an integer, got ${show(v)}`);
    if ((v as number) < 0) fail(`${path}.${f}`, `${v as number} is negative`);
    if ((v as number) > text.length)
      fail(`${path}.${f}`, `${v as number} is past the end of the text (length ${text.length})`);
  }
  if ((s.startSelection as number) > (s.endSelection as number))
    fail(
      `${path}.startSelection`,
      `${s.startSelection as number} is after endSelection (${s.endSelection as number})`,
    );
  if (typeof s.type !== 'string' || s.type === '')
    fail(`${path}.type`, `expected a non-empty markup code, got ${show(s.type)}`);
  for (const f of ['subtype', 'correction'] as const)
    if (s[f] !== undefined && typeof s[f] !== 'string')
      fail(`${path}.${f}`, `expected a string, got ${show(s[f])}`);
  return s as PsrSelection;
}
