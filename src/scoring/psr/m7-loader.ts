// Reads the three M7 tables from a folder. The only file I/O of the PSR module; scoring itself stays pure.
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ToolkitError } from '../../errors.js';
import { createM7Tables } from './m7.js';
import type { M7Row, M7Tables } from './m7.js';

export const M7_FILES = {
  participant: 'eng_final_m7_AVG.json',
  expert: 'exper_m7_markup_100.json',
  excluded: 'excludedDoubles.json',
} as const;

export class M7TablesError extends ToolkitError {
  override name = 'M7TablesError' as const;

  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
  }
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new M7TablesError(
      code === 'ENOENT' ? `M7 table not found: ${file}` : `cannot read M7 table ${file}: ${String(error)}`,
      file,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new M7TablesError(`M7 table ${file} is not valid JSON: ${(error as Error).message}`, file);
  }
}

function rows(file: string, data: unknown): M7Row[] {
  if (!Array.isArray(data)) throw new M7TablesError(`M7 table ${file} must be a JSON array`, file);
  return data.map((row: unknown, i) => {
    const r = row as { mk_uuid?: unknown; mark?: unknown } | null;
    if (typeof r?.mk_uuid !== 'string' || typeof r.mark !== 'number' || !Number.isFinite(r.mark))
      throw new M7TablesError(
        `M7 table ${file}, row ${i}: expected {"mk_uuid": string, "mark": number}`,
        file,
      );
    return { mk_uuid: r.mk_uuid, mark: r.mark };
  });
}

/**
Loads (from `given`, or from the package layouts `findM7TablesDir` knows) `eng_final_m7_AVG.json` (`[{mk_uuid, mark}]`), `exper_m7_markup_100.json` (`[{source_file_public_id,
mk_uuid, mark}]`) and `excludedDoubles.json` (`[essayUuid]`) from `dir`. All three must exist: a partial set would
silently change MTotal divisors.
*/
/** Where the tables sit inside the published package (docs/scoring-compat.md). */
export const M7_PACKAGE_DIR = join('build', 'main', 'mSevenStat');

/**
The folder holding the three files: `dir` itself, or the tables folder of the package when `dir` is the
package as it unpacks (`package/` of `npm pack`), the folder that holds `package/`, or a `node_modules`.
*/
export async function findM7TablesDir(dir: string): Promise<string> {
  const candidates = [
    dir,
    join(dir, M7_PACKAGE_DIR),
    join(dir, 'package', M7_PACKAGE_DIR),
    join(dir, 'node_modules', '@upgreat-readable', 'psr', M7_PACKAGE_DIR),
  ];
  for (const c of candidates) {
    try {
      await access(join(c, M7_FILES.excluded));
      return c;
    } catch {
      // try the next layout
    }
  }
  return dir;
}

export async function loadM7Tables(given: string): Promise<M7Tables> {
  const dir = await findM7TablesDir(given);
  // Settled in a fixed order, so a folder with several problems always reports the same first one.
  const settled = await Promise.allSettled([
    readJson(join(dir, M7_FILES.participant)),
    readJson(join(dir, M7_FILES.expert)),
    readJson(join(dir, M7_FILES.excluded)),
  ]);
  const [participant, expert, excluded] = settled.map((r) => {
    if (r.status === 'rejected') throw r.reason;
    return r.value;
  });
  const excludedFile = join(dir, M7_FILES.excluded);
  if (!Array.isArray(excluded) || !excluded.every((e) => typeof e === 'string'))
    throw new M7TablesError(
      `M7 table ${excludedFile} must be a JSON array of essay id strings`,
      excludedFile,
    );
  return createM7Tables({
    participant: rows(join(dir, M7_FILES.participant), participant),
    expert: rows(join(dir, M7_FILES.expert), expert),
    excluded: excluded as string[],
  });
}
