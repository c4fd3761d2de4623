import type { Command } from 'commander';
import { ExitError, EXIT } from '../../exit-error.js';
import { isToolkitError } from '../../../errors.js';

/** Where the command writes; tests pass their own streams. */
export interface CriteriaIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

interface CriteriaFlags {
  save?: boolean;
  web?: boolean;
  json?: boolean;
  explain?: boolean;
}

export function registerCriteria(group: Command, io: CriteriaIo = process): void {
  group
    .command('criteria')
    .description('Compute the criteria K1..Kn of essay files by the official rules')
    .argument('<files...>', 'essay JSON files (one markup each)')
    .option('--save', 'write the computed criteria into each file (atomic; the rest of the file is kept)')
    .option('--web', 'web mode: the word-count gates and K1=0 short-circuits of the official run(true)')
    .option('--json', 'print only JSON on stdout: an array with one entry per file')
    .option('--explain', 'show the rule behind each K and the intermediate counts')
    .action(async (files: string[], flags: CriteriaFlags) => {
      await runCriteria(files, flags, io);
    });
}

interface FileError {
  file: string;
  error: { name: string; message: string; code?: string; field?: string; officialMessage?: string };
}

async function runCriteria(files: string[], flags: CriteriaFlags, io: CriteriaIo): Promise<void> {
  const criteria = await import('../../../scoring/criteria/index.js');
  const { Essay } = await import('../../../essay/index.js');
  const { writeFileAtomic } = await import('../../../fs/index.js');
  const { readFile } = await import('node:fs/promises');
  const out: unknown[] = [];
  let failed = 0;

  for (const file of files) {
    try {
      // The essay module rejects what cannot be an essay, naming the file and JSON path.
      await Essay.fromFile(file);
      // Scores come from the raw JSON: the essay model fills in `tag: ""` where it is missing,
      // which would hide the official tag-collapse quirk (a missing tag counts as tagged).
      const raw = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, '')) as Record<
        string,
        unknown
      >;
      const result = criteria.computeCriteria(raw, {
        webMode: flags.web === true,
        explain: flags.explain === true,
        checkOffsets: true,
      });
      if (flags.save) {
        const saved = { ...raw, criteria: result.criteria };
        await writeFileAtomic(file, `${JSON.stringify(saved, null, 2)}\n`);
      }
      if (flags.json) {
        out.push({ file, ...result, ...(flags.save ? { saved: true } : {}) });
        continue;
      }
      const saved = flags.save ? ' (saved)' : '';
      io.stdout.write(`${file}: ${criteria.formatCriteriaLine(result)}${saved}\n`);
      if (result.explanation) {
        for (const line of criteria.formatExplanation(result.explanation)) io.stdout.write(`  ${line}\n`);
      }
    } catch (error) {
      if (!isToolkitError(error)) throw error;
      failed += 1;
      const message = error instanceof criteria.CriteriaError ? `${file}: ${error.message}` : error.message;
      io.stderr.write(`error: ${message}\n`);
      if (flags.json) out.push(describeError(file, message, error));
    }
  }

  if (flags.json) io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  if (failed > 0) {
    const summary = files.length > 1 ? `${failed} of ${files.length} files could not be scored` : '';
    throw new ExitError(EXIT.failure, summary);
  }
}

function describeError(file: string, message: string, error: Error): FileError {
  const extra = error as { code?: unknown; field?: unknown; officialMessage?: unknown };
  const described: FileError['error'] = { name: error.name, message };
  if (typeof extra.code === 'string') described.code = extra.code;
  if (typeof extra.field === 'string') described.field = extra.field;
  if (typeof extra.officialMessage === 'string') described.officialMessage = extra.officialMessage;
  return { file, error: described };
}
