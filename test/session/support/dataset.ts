import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

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
  await mkdir(join(dir, 'train'), { recursive: true });
  const ids: string[] = [];
  const sentence = 'Проблема, поднятая автором, актуальна и сегодня. ';
  const text = sentence.repeat(Math.max(1, Math.ceil((spec.textLength ?? 300) / sentence.length)));
  for (let i = 0; i < count; i++) {
    const id = fileIdOf(i);
    ids.push(id);
    const essay = spec.malformed?.includes(id)
      ? { text, note: 'no meta: not an essay' }
      : {
          meta: {
            id,
            subject: 'rus',
            theme: 'Тема',
            taskText: '',
            class: '11',
            year: 2024,
            name: `${id}.txt`,
          },
          text,
          selections: [],
        };
    await writeFile(join(dir, 'train', `${id}.json`), JSON.stringify(essay));
  }
  const index = ids.map((id) => ({ id, split: 'train', subject: 'rus', lang: 'rus', words: 40, experts: 0 }));
  await writeFile(join(dir, 'index.json'), JSON.stringify(index));
  return ids;
}
