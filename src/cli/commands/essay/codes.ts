import type { Command } from 'commander';
import { EXIT, ExitError } from '../../exit-error.js';

export interface CodesIo {
  stdout: { write(chunk: string): unknown };
}

export function registerCodes(group: Command, io: CodesIo = process): void {
  group
    .command('codes')
    .description(
      'List the markup types per subject: meaning blocks, error codes, error categories, the criterion each affects',
    )
    .argument('[subject]', 'rus, rus-free, lit, social, hist, eng or eng-free (default: all)')
    .option('--json', 'print only JSON on stdout: an array with one catalogue per subject')
    .addHelpText('after', '\nCodes match case-insensitively (the history rules excepted, see the flags).')
    .action(async (subject: string | undefined, options: { json?: boolean }) => {
      const { CATALOGUE, SUBJECTS, formatCatalogue, isSubject } =
        await import('../../../scoring/catalogue/index.js');
      if (subject !== undefined && !isSubject(subject)) {
        throw new ExitError(
          EXIT.usage,
          `error: unknown subject ${JSON.stringify(subject)}; expected one of ${SUBJECTS.join(', ')}`,
        );
      }
      const chosen = subject === undefined ? SUBJECTS : [subject];
      const catalogues = chosen.map((s) => CATALOGUE[s]);
      if (options.json) {
        io.stdout.write(`${JSON.stringify(catalogues, null, 2)}\n`);
        return;
      }
      const blocks = catalogues.map((c) => formatCatalogue(c).join('\n'));
      io.stdout.write(`${blocks.join('\n\n')}\n`);
    });
}
