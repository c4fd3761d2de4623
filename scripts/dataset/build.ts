// Builds data/demo from the hand-written sources: node --import tsx scripts/dataset/build.ts [outDir]
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PART_A } from './part-a.js';
import { PART_B } from './part-b.js';
import { renderDataset } from './render.js';
import type { SourceEssay } from './types.js';

export const DEFAULT_OUT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/demo');

export function allSources(): SourceEssay[] {
  return [...PART_A, ...PART_B];
}

/** Writes the dataset into outDir, first removing the JSON files a previous build left there. */
export async function buildDataset(outDir: string = DEFAULT_OUT_DIR): Promise<Map<string, string>> {
  const files = renderDataset(allSources());
  for (const split of ['train', 'test']) {
    const dir = join(outDir, split);
    const old = await readdir(dir).catch(() => [] as string[]);
    await Promise.all(old.filter((f) => f.endsWith('.json')).map((f) => rm(join(dir, f))));
  }
  for (const [rel, content] of files) {
    const path = join(outDir, rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content, 'utf8');
  }
  return files;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2] !== undefined ? resolve(process.argv[2]) : DEFAULT_OUT_DIR;
  buildDataset(outDir).then(
    (files) => console.log(`wrote ${files.size} files to ${outDir}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
