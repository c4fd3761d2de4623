// Essays, selections and datasets as the tests write them: one copy for every test folder.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A selection as it travels in an essay file: every field present, empty strings by default. */
export function wireSelection(fields: {
  id: number;
  startSelection: number;
  endSelection: number;
  type: string;
  group: string;
  subtype?: string;
  tag?: string;
  comment?: string;
  explanation?: string;
  correction?: string;
}): Record<string, unknown> {
  return { subtype: '', tag: '', comment: '', explanation: '', correction: '', ...fields };
}

export interface EssaySpec {
  /** Digits only, as file ids must be. */
  id: string;
  /** @default 'train' */
  split?: 'train' | 'test';
  /** @default 'rus' */
  lang?: 'rus' | 'eng';
  /** Expert markups written beside the essay as `{id}_exp{N}.json`. @default 2 */
  experts?: number;
  /** @default essayText(id) */
  text?: string;
  /** Fields added to (or replacing) the essay's `meta`. */
  meta?: Record<string, unknown>;
  /** Written as something that is not an essay at all (no `meta`). */
  malformed?: boolean;
  /** The `words` of its index entry. @default 12 */
  words?: number;
}

export function essayText(id: string): string {
  return `Essay ${id}. Это текст сочинения номер ${id}, в нём есть ошибки и смысл.`;
}

export function essayObject(spec: EssaySpec): Record<string, unknown> {
  const text = spec.text ?? essayText(spec.id);
  if (spec.malformed) return { text, note: 'no meta: not an essay' };
  const subject = spec.lang === 'eng' ? 'eng' : 'rus';
  return {
    meta: { id: spec.id, subject, theme: 'Theme', taskText: 'Task', ...spec.meta },
    text,
    selections: [],
  };
}

/** Writes a dataset in the shipped layout: `index.json`, `{split}/{id}.json`, `{split}/{id}_exp{N}.json`. */
export async function writeDataset(dir: string, specs: readonly EssaySpec[]): Promise<void> {
  const index = [];
  for (const spec of specs) {
    const split = spec.split ?? 'train';
    const lang = spec.lang ?? 'rus';
    const experts = spec.experts ?? 2;
    await mkdir(join(dir, split), { recursive: true });
    const essay = essayObject(spec);
    await writeFile(join(dir, split, `${spec.id}.json`), JSON.stringify(essay));
    for (let n = 1; n <= experts; n++) {
      const marked = { ...essay, meta: { ...(essay.meta as object), expert: `exp00${n}` } };
      await writeFile(join(dir, split, `${spec.id}_exp${n}.json`), JSON.stringify(marked));
    }
    const subject = lang === 'eng' ? 'eng' : 'rus';
    index.push({ id: spec.id, split, subject, lang, words: spec.words ?? 12, experts });
  }
  await writeFile(join(dir, 'index.json'), JSON.stringify(index));
}

/** `count` consecutive ids from `start`, in digits only. */
export function ids(count: number, start = 1001): string[] {
  return Array.from({ length: count }, (_, i) => String(start + i));
}
