// `readable dataset check DIR` and `readable dataset import SRC --out DIR` (docs/dataset-import.md).
import { Option } from 'commander';
import type { Command } from 'commander';
import { EXIT, ExitError } from '../../exit-error.js';
import { isToolkitError } from '../../../errors.js';

export interface DatasetCommandIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

export function registerDataset(group: Command, io: DatasetCommandIo = process): void {
  const fail = (error: unknown): never => {
    if (error instanceof ExitError || !isToolkitError(error)) throw error;
    throw new ExitError(EXIT.failure, `error: ${error.message}`);
  };
  group
    .command('check')
    .description(
      'Validate a dataset in our layout and print its statistics (essays per subject and split, experts, words)',
    )
    .argument('<dir>', 'dataset folder (index.json, train/, test/)')
    .option('--json', 'print {stats, usable, problems} as JSON on stdout')
    .addHelpText('after', '\nExit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage error.')
    .action(async (dir: string, options: { json?: boolean }) => {
      const { checkDataset, formatCheck } = await import('../../../dataset/index.js');
      const result = await checkDataset(dir).catch(fail);
      io.stdout.write(`${options.json ? JSON.stringify(result, null, 2) : formatCheck(result)}\n`);
      const errors = result.problems.filter((p) => p.severity === 'error').length;
      if (errors > 0) throw new ExitError(EXIT.failure, `error: ${errors} problem(s) in ${dir}`);
    });
  group
    .command('import')
    .description(
      'Build a dataset in our layout from SRC: {name}.json + {name}_exp{N}.json files, PSR envelopes, or our own layout',
    )
    .argument('<src>', 'source folder (sub-folders train/ and test/ set the split)')
    .requiredOption('--out <dir>', 'new or empty folder to write the dataset to')
    .addOption(
      new Option('--split <split>', 'split of essays outside train/ and test/ folders')
        .choices(['train', 'test'])
        .default('train'),
    )
    .option('--json', 'print the import result as JSON on stdout')
    .addHelpText(
      'after',
      '\nValid essays are imported even when others have problems; every problem is listed with its file and JSON path.\n' +
        'Non-numeric names get numeric file ids; ids.json keeps {fileId: name}.\n' +
        'Exit codes: 0 imported without errors, 1 some files were not imported (or nothing was), 2 usage error.',
    )
    .action(async (src: string, options: { out: string; split: 'train' | 'test'; json?: boolean }) => {
      const { importDataset, formatImport } = await import('../../../dataset/index.js');
      const result = await importDataset(src, options.out, { split: options.split }).catch(fail);
      io.stdout.write(`${options.json ? JSON.stringify(result, null, 2) : formatImport(result)}\n`);
      const errors = result.problems.filter((p) => p.severity === 'error').length;
      if (result.entries.length === 0)
        throw new ExitError(EXIT.failure, `error: nothing imported from ${src}`);
      if (errors > 0)
        throw new ExitError(
          EXIT.failure,
          `error: ${errors} problem(s); the ${result.entries.length} valid essay(s) were imported`,
        );
    });
}
