import { Option } from 'commander';
import type { Command } from 'commander';
import { EXIT, ExitError } from '../../exit-error.js';
import { isToolkitError } from '../../../errors.js';

/** Where the command writes; tests pass their own sinks to run it in-process. */
export interface PsrCommandIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

interface PsrCommandOptions {
  dir?: string;
  nomination?: boolean;
  explain?: boolean;
  json?: boolean;
  m7Tables?: string;
  compat: 'default' | 'official';
  html?: string;
}

export function registerPsr(group: Command, io: PsrCommandIo = process): void {
  group
    .command('psr')
    .description(
      'Compare a participant markup with expert markups (PSR): metrics M1..M7 and MTotal per pair, STAR, STER, OTAR',
    )
    .argument('[files...]', 'PARTICIPANT.json EXPERT.json... (single-markup essay files of one essay)')
    .option('--dir <dir>', 'score every essay in DIR: {id}.json against {id}_exp{N}.json, plus means')
    .option('--nomination', 'nomination mode: logic and structure fragments only (rus, social, hist, lit)')
    .option('--explain', 'show matched fragments with J and L, and the unmatched ones, per pair')
    .option('--json', 'print only JSON on stdout (with --explain: {"result", "explain"})')
    .option('--html <file>', 'also write the compare view (docs/view.md) as one self-contained HTML file')
    .option(
      '--m7-tables <dir>',
      'folder with eng_final_m7_AVG.json, exper_m7_markup_100.json, excludedDoubles.json, or the unpacked @upgreat-readable/psr package (docs/scoring-compat.md)',
    )
    .addOption(
      new Option(
        '--compat <mode>',
        'official: the numbers of @upgreat-readable/psr 1.9.0 exactly (M7 weight carried across pairs, M7 unrounded)',
      )
        .choices(['default', 'official'])
        .default('default'),
    )
    .addHelpText(
      'after',
      '\nWithout --m7-tables, M7 is 0 and its weight 0 for every pair (MTotal = (M1+2·M2+M3+M4+M5)/5, up to 120).\n' +
        'Exit codes: 0 scored, 1 bad input (the message names the file and field), 2 usage error.',
    )
    .exitOverride()
    .action(async (files: string[], options: PsrCommandOptions) => {
      try {
        await runPsr(files, options, io);
      } catch (error) {
        if (error instanceof ExitError || !isToolkitError(error)) throw error;
        // With --json a consumer reads stdout only: the failure is JSON there too, as in calc criteria.
        if (options.json) {
          const { file, field } = (error as { where?: { file?: string; field?: string } }).where ?? {};
          io.stdout.write(`${JSON.stringify({ error: { message: error.message, file, field } }, null, 2)}\n`);
        }
        throw new ExitError(EXIT.failure, `error: ${error.message}`);
      }
    });
}

async function runPsr(files: string[], options: PsrCommandOptions, io: PsrCommandIo): Promise<void> {
  if (options.dir !== undefined && files.length > 0)
    throw new ExitError(EXIT.usage, 'error: give either files or --dir, not both');
  if (options.dir !== undefined && (options.nomination || options.explain))
    throw new ExitError(EXIT.usage, 'error: --nomination and --explain work on files, not with --dir');
  if (options.dir === undefined && files.length === 0)
    throw new ExitError(EXIT.usage, 'error: give PARTICIPANT.json EXPERT.json... or --dir DIR (see --help)');

  const psr = await import('../../../scoring/psr/index.js');
  const input = await import('../../../scoring/input/index.js');
  const m7Tables = options.m7Tables === undefined ? undefined : await psr.loadM7Tables(options.m7Tables);
  const out = (text: string): void => void io.stdout.write(`${text}\n`);
  const warn = (warnings: readonly string[]): void => {
    for (const w of warnings) io.stderr.write(`warning: ${w}\n`);
  };

  if (options.dir !== undefined) {
    const summary = await input.scorePsrDirectory(options.dir, {
      ...(m7Tables && { m7Tables }),
      compat: options.compat,
    });
    warn(summary.warnings);
    out(options.json ? JSON.stringify(summary, null, 2) : input.formatDirectorySummary(summary));
    for (const e of summary.essays) if (e.error !== undefined) io.stderr.write(`error: ${e.error}\n`);
    const { failed, essays } = summary.aggregate;
    if (failed > 0)
      throw new ExitError(EXIT.failure, `error: ${failed} of ${essays} essays could not be scored`);
    return;
  }

  const [participant, ...experts] = files;
  if (options.html !== undefined) {
    if (options.nomination)
      throw new ExitError(EXIT.usage, 'error: --html shows the normal PSR, not --nomination');
    const { compareHtmlFile } = await import('../../../view/index.js');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(options.html, await compareHtmlFile(participant!, experts));
    io.stderr.write(`compare view written to ${options.html}\n`);
  }
  const scored = await input.scorePsrFiles(participant, experts, {
    nomination: options.nomination === true,
    explain: options.explain === true,
    compat: options.compat,
    ...(m7Tables ? { m7Tables } : {}),
  });
  warn(scored.warnings);
  if (scored.mode === 'normal') {
    if (options.json)
      out(
        JSON.stringify(
          options.explain ? { result: scored.result, explain: scored.explanations } : scored.result,
          null,
          2,
        ),
      );
    else out(psr.formatPsrResult(scored.result, scored.explanations));
  } else if (options.json)
    out(
      JSON.stringify(
        options.explain ? { result: scored.results, explain: scored.explanations } : scored.results,
        null,
        2,
      ),
    );
  else out(psr.formatNomination(scored.results, scored.explanations));
}
