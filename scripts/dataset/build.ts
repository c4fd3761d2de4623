// Renders data/demo from the YAML sources in scripts/dataset/source/ (docs/dataset-format.md §3–§5):
//   node --import tsx scripts/dataset/build.ts [OUT_DIR]     write the dataset
//   node --import tsx scripts/dataset/build.ts --check       compare data/demo with a fresh render
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkRendered } from './check.js';
import { renderDataset } from './render.js';
import { SOURCE_DIR, loadSources } from './source.js';

export const DEFAULT_OUT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/demo');

/** Writes the dataset into outDir, first removing the JSON files a previous build left there. */
export async function buildDataset(
  outDir: string = DEFAULT_OUT_DIR,
  sourceDir: string = SOURCE_DIR,
): Promise<Map<string, string>> {
  const files = renderDataset(await loadSources(sourceDir));
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

/** One line per way `outDir` differs from what the sources render to; empty when it is up to date. */
export async function checkDataset(
  outDir: string = DEFAULT_OUT_DIR,
  sourceDir: string = SOURCE_DIR,
): Promise<string[]> {
  const sources = await loadSources(sourceDir);
  return checkRendered(outDir, renderDataset(sources), sources);
}

async function main(args: string[]): Promise<void> {
  const check = args.includes('--check');
  const rest = args.filter((a) => a !== '--check');
  const outDir = rest[0] !== undefined ? resolve(rest[0]) : DEFAULT_OUT_DIR;
  if (!check) {
    const files = await buildDataset(outDir);
    console.log(`wrote ${files.size} files to ${outDir}`);
    return;
  }
  const problems = await checkDataset(outDir);
  if (problems.length === 0) {
    console.log(`${outDir} is up to date with ${SOURCE_DIR}`);
    return;
  }
  for (const problem of problems) console.error(problem);
  console.error(`${outDir} is out of date: render it with node --import tsx scripts/dataset/build.ts`);
  process.exitCode = 1;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
