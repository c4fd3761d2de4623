import { ReadContext, isRecord } from './read-context.js';
import { readCriteria } from './read-criteria.js';
import { readMeta } from './read-meta.js';
import { readSelections } from './read-selections.js';
import { jsonType } from './show.js';
import type { CriteriaData, EssayWarning, MetaData, SelectionData } from './types.js';

/** The organisers' schema asked for at least this much text. */
const SCHEMA_TEXT_LENGTH = 50;

export interface ReadEssayResult {
  meta: MetaData;
  text: string;
  selections: SelectionData[];
  criteria: CriteriaData | undefined;
  /** Unknown top-level keys. */
  extra: Record<string, unknown>;
  warnings: EssayWarning[];
}

/**
Lenient reading of a parsed essay: tolerates every deviation real files are known to have,
recording each one as a warning, and throws `EssayReadError` only for what cannot be an essay.
*/
export function readEssay(
  raw: unknown,
  options: { source?: string | undefined; copyUnknown: boolean },
): ReadEssayResult {
  // The annotation lets `ctx.fail` (returns never) narrow types below.
  const ctx: ReadContext = new ReadContext(options.source, options.copyUnknown);
  if (!isRecord(raw)) ctx.fail('', `expected an object, got ${jsonType(raw)}`);

  const meta = readMeta(raw.meta, ctx);
  const text = raw.text;
  if (text === undefined) ctx.fail('text', 'missing (required)');
  if (typeof text !== 'string') ctx.fail('text', `expected a string, got ${jsonType(text)}`);
  if (text.length < SCHEMA_TEXT_LENGTH)
    ctx.warn(
      'text',
      `${text.length} characters; the organisers' schema asks for at least ${SCHEMA_TEXT_LENGTH}`,
    );

  const selections = readSelections(raw.selections, text.length, ctx);
  const { criteria, consumed } = readCriteria(raw, ctx);

  const known = new Set(['meta', 'text', 'selections', ...consumed]);
  const extra: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) if (!known.has(key)) extra[key] = ctx.keep(raw[key]);

  return { meta, text, selections, criteria, extra, warnings: ctx.warnings };
}
