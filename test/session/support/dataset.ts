import { writeDataset as writeEssays } from '../../support/essays.js';

export interface DatasetSpec {
  /** Readable essays. @default 3 */
  count?: number;
  /** Ids (among the count) pushed as something that is not an essay (no `meta`). */
  malformed?: string[];
  /** Approximate text length in characters. @default 300 */
  textLength?: number;
}

export function fileIdOf(i: number): string {
  return String(800001 + i);
}

/** Builds a tiny dataset (`index.json` + `train/{id}.json`) the local platform can serve. */
export async function writeDataset(dir: string, spec: DatasetSpec = {}): Promise<string[]> {
  const count = spec.count ?? 3;
  const sentence = 'Проблема, поднятая автором, актуальна и сегодня. ';
  const text = sentence.repeat(Math.max(1, Math.ceil((spec.textLength ?? 300) / sentence.length)));
  const ids = Array.from({ length: count }, (_, i) => fileIdOf(i));
  await writeEssays(
    dir,
    ids.map((id) => ({
      id,
      text,
      experts: 0,
      words: 40,
      malformed: spec.malformed?.includes(id) ?? false,
      meta: { theme: 'Тема', taskText: '', class: '11', year: 2024, name: `${id}.txt` },
    })),
  );
  return ids;
}
