// Is a rendered dataset folder what the sources give? Byte for byte, and — so that a hand edit is
// explained, not just detected — every selection's offsets against the text its source quotes.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourceEssay } from './types.js';
import { locate } from './validate.js';

async function listRendered(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const split of ['train', 'test']) {
    const names = await readdir(join(dir, split)).catch(() => [] as string[]);
    out.push(...names.filter((name) => name.endsWith('.json')).map((name) => `${split}/${name}`));
  }
  return out;
}

interface RenderedSelection {
  id?: unknown;
  startSelection?: unknown;
  endSelection?: unknown;
}

/** Offsets in one rendered markup that do not select what the source quotes. */
function offsetProblems(rel: string, content: string, source: SourceEssay, expert: number): string[] {
  let markup: { text?: unknown; selections?: RenderedSelection[] };
  try {
    markup = JSON.parse(content) as typeof markup;
  } catch {
    return [`${rel}: not valid JSON`];
  }
  const selections = source.experts[expert - 1]?.selections ?? [];
  const text = typeof markup.text === 'string' ? markup.text : '';
  const problems: string[] = [];
  (markup.selections ?? []).forEach((sel, i) => {
    const wanted = selections[i];
    if (wanted === undefined) return;
    const span = locate(source.text, wanted);
    if (typeof span === 'string') return; // validate.ts reports bad sources
    const { startSelection: start, endSelection: end } = sel;
    if (start === span.start && end === span.end) return;
    const got = typeof start === 'number' && typeof end === 'number' ? text.slice(start, end) : '';
    const quote = wanted.whole === true ? '(whole text, 0..0)' : JSON.stringify(wanted.quote);
    problems.push(
      `${rel}: selection ${String(sel.id)} (#${i}): offsets ${String(start)}..${String(end)} select ` +
        `${JSON.stringify(got)}, the source quotes ${quote} at ${span.start}..${span.end}`,
    );
  });
  return problems;
}

/**
Compares `dir` with freshly rendered `files` (from renderDataset) and returns one line per problem:
a missing, extra or differing file, and each selection whose offsets miss its quote. Empty = up to date.
*/
export async function checkRendered(
  dir: string,
  files: ReadonlyMap<string, string>,
  sources: readonly SourceEssay[],
): Promise<string[]> {
  const problems: string[] = [];
  const byId = new Map(sources.map((s) => [s.id, s]));
  for (const rel of await listRendered(dir)) {
    if (!files.has(rel)) problems.push(`${rel}: not produced by the sources (a stale or hand-made file)`);
  }
  for (const [rel, expected] of files) {
    const actual = await readFile(join(dir, rel), 'utf8').catch(() => undefined);
    if (actual === undefined) {
      problems.push(`${rel}: missing`);
      continue;
    }
    if (actual === expected) continue;
    problems.push(`${rel}: differs from a fresh render`);
    const markup = /^(?:train|test)\/(\d{7})_exp(\d)\.json$/.exec(rel);
    const source = markup?.[1] === undefined ? undefined : byId.get(markup[1]);
    if (source !== undefined) problems.push(...offsetProblems(rel, actual, source, Number(markup?.[2])));
  }
  return problems;
}
