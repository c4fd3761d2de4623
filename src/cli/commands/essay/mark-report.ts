import type { Essay, Selection } from '../../../essay/index.js';
import type * as Catalogue from '../../../scoring/catalogue/index.js';

interface Writers {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

/** One selection the markup added, as `essay mark` reports it. */
export interface AddedSelection {
  id: number;
  type: string;
  group: string;
  startSelection: number;
  endSelection: number;
  /** The marked text, `text.slice(start, end)`. */
  fragment: string;
}

const key = (s: Selection): string => JSON.stringify(s.toJSON());

/**
What the markup changed: the output's selections that the input did not have (compared as
whole selections, so a kept selection is never reported) and how many input selections are gone.
*/
export function diffSelections(input: Essay, output: Essay): { added: AddedSelection[]; removed: number } {
  const before = new Map<string, number>();
  for (const s of input.selections) before.set(key(s), (before.get(key(s)) ?? 0) + 1);
  const added: AddedSelection[] = [];
  for (const s of output.selections) {
    const left = before.get(key(s)) ?? 0;
    if (left > 0) {
      before.set(key(s), left - 1);
      continue;
    }
    const { id, type, group, startSelection, endSelection } = s;
    added.push({ id, type, group, startSelection, endSelection, fragment: s.fragment(output.text) });
  }
  const removed = [...before.values()].reduce((a, b) => a + b, 0);
  return { added, removed };
}

/** `  + проблема [0..57] «Первое предложение…»`, the fragment shortened to `width` characters. */
export function formatAdded(s: AddedSelection, width = 70): string {
  const flat = s.fragment.replace(/\s+/g, ' ');
  const shown = flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
  return `  + ${s.type} [${s.startSelection}..${s.endSelection}] «${shown}»`;
}

export interface Outcome {
  file: string;
  input: Essay;
  marked: Essay;
  name: string;
  unknown: string[];
}

export function report(
  { file, input, marked, name, unknown }: Outcome,
  flags: { out?: string; json?: boolean },
  io: Writers,
): void {
  const { added, removed } = diffSelections(input, marked);
  if (flags.json) {
    const out = { file, markup: name, out: flags.out ?? null, added, removed, unknownTypes: unknown };
    const body = flags.out === undefined ? { ...out, essay: marked.toJSON() } : out;
    io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  } else if (flags.out === undefined) {
    io.stdout.write(`${marked.toString()}\n`);
  }
  const s = added.length === 1 ? '' : 's';
  const lines = [`${file}: markup "${name}" added ${added.length} selection${s}`];
  if (removed > 0) lines[0] += `, removed ${removed}`;
  if (flags.out !== undefined) lines[0] += `; written to ${flags.out}`;
  lines.push(...added.map((a) => formatAdded(a)));
  for (const type of unknown)
    lines.push(
      `warning: type ${JSON.stringify(type)} is not in the ${marked.meta.subject} catalogue (see: readable essay codes)`,
    );
  io.stderr.write(`${lines.join('\n')}\n`);
}

/** Types the catalogue does not know for the essay's subject: a warning, since scoring just ignores them. */
export function unknownTypes(essay: Essay, catalogue: typeof Catalogue): string[] {
  const subject = essay.meta.subject;
  if (!catalogue.isSubject(subject)) return [];
  const types = new Set([...essay.selections].map((s) => s.type));
  return [...types].filter((type) => !catalogue.isKnownCode(subject, type));
}
