// `readable eval` (a markup over a dataset, offline, scored against the experts) and `readable eval compare`.
// docs/eval.md describes the run folder both read and write.
import { readFileSync } from 'node:fs';
import { Option } from 'commander';
import type { Command } from 'commander';
import { EXIT, ExitError } from '../../exit-error.js';
import { addMarkupOptions, markupChosenByFlags } from '../../markup-options.js';
import { positiveInteger, positiveNumber } from '../../number-options.js';
import { isToolkitError } from '../../../errors.js';

export interface EvalCommandIo {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  /** Ctrl+C; tests abort it themselves. @default process SIGINT/SIGTERM */
  interrupt?: AbortSignal;
}

interface EvalFlags {
  data?: string;
  split: 'train' | 'test' | 'all';
  subjects?: string;
  limit?: number;
  markup?: string;
  markupCommand?: string;
  answers?: string;
  jobs: number;
  name?: string;
  json?: boolean;
  deadline?: number;
  runs: string;
  m7Tables?: string;
  compat: 'default' | 'official';
  progress?: boolean;
  html?: string;
}

function toolkitVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

const wrap = (error: unknown): never => {
  if (error instanceof ExitError || !isToolkitError(error)) throw error;
  throw new ExitError(EXIT.failure, `error: ${error.message}`);
};

export function registerEval(program: Command, io: EvalCommandIo = process): void {
  const evalCommand = program.command('eval');
  addMarkupOptions(evalCommand)
    .description(
      'Run a markup over a dataset offline and score every answer against the experts (criteria and PSR)',
    )
    .option('--data <dir>', 'dataset folder in our layout (default: the shipped demo dataset)')
    .addOption(
      new Option('--split <split>', 'essays of this split')
        .choices(['train', 'test', 'all'])
        .default('train'),
    )
    .option('--subjects <list>', 'only these subjects, comma-separated (rus,lit,…)')
    .option('--limit <n>', 'at most N essays', positiveInteger)
    .option('--answers <dir>', 'score answers already made ({id}.json per essay) instead of running a markup')
    .option('--jobs <n>', 'essays marked at once', positiveInteger, 1)
    .option('--name <name>', 'run name (folder runs/{timestamp}-{name})')
    .option('--runs <dir>', 'where run folders go', 'runs')
    .option(
      '--deadline <sec>',
      'per-file time as a session would apply it; slower answers are counted as late',
      positiveNumber,
    )
    .option('--m7-tables <dir>', 'M7 tables folder (docs/scoring.md); without it M7 = 0')
    .addOption(
      new Option(
        '--compat <mode>',
        'official: PSR numbers of @upgreat-readable/psr 1.9.0 exactly (docs/scoring-compat.md)',
      )
        .choices(['default', 'official'])
        .default('default'),
    )
    .option('--json', 'print {dir, summary} as JSON on stdout')
    .option('--no-progress', 'no progress bar (it is shown only on a terminal anyway)')
    .option('--html <file>', 'also write the run view (docs/view.md) as one self-contained HTML file')
    .addHelpText(
      'after',
      '\nSaves runs/{timestamp}-{name}/ with answers/, scores.jsonl and summary.json (docs/eval.md).\n' +
        'Ctrl+C stops taking essays and saves what is done as an incomplete run.\n' +
        'Exit codes: 0 every essay scored, 1 some essays failed (listed) or bad input, 2 usage error, 130 interrupted.',
    )
    .action((flags: EvalFlags) => runEvalCommand(flags, io).catch(wrap));

  evalCommand
    .command('compare')
    .description(
      'Deltas from run A to run B: overall, per subject, per criterion and per markup type; marks what got worse',
    )
    .argument('<runA>', 'run folder')
    .argument('<runB>', 'run folder')
    .option('--json', 'print the comparison as JSON')
    .option('--html <file>', 'also write run A beside run B (docs/view.md) as one self-contained HTML file')
    .action(async (a: string, b: string, flags: { json?: boolean; html?: string }) => {
      const { readRun, compareRuns, formatComparison } = await import('../../../eval/index.js');
      // One after the other, so a bad folder is always reported as the same one.
      const runA = await readRun(a).catch(wrap);
      const runB = await readRun(b).catch(wrap);
      const comparison = compareRuns(runA, runB);
      // `eval` has its own --html, and commander hands it the flag wherever it stands on the line.
      const html = flags.html ?? (evalCommand.opts() as { html?: string }).html;
      if (html !== undefined) await writeRunHtml(html, a, b, io);
      io.stdout.write(`${flags.json ? JSON.stringify(comparison, null, 2) : formatComparison(comparison)}\n`);
    });
}

async function runEvalCommand(flags: EvalFlags, io: EvalCommandIo): Promise<void> {
  const { limit, jobs, deadline: deadlineSec } = flags;
  if (flags.answers !== undefined && markupChosenByFlags(flags))
    throw new ExitError(
      EXIT.usage,
      'error: --answers scores answers already made; it takes no --markup-* option',
    );
  const subjects = flags.subjects
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

  const { Dataset, defaultDatasetDir } = await import('../../../dataset/index.js');
  const ev = await import('../../../eval/index.js');
  const { loadM7Tables } = await import('../../../scoring/psr/index.js');
  const dataset = await Dataset.load(flags.data ?? defaultDatasetDir());
  const known = new Set(dataset.entries.map((e) => e.subject));
  const unknown = subjects?.filter((s) => !known.has(s)) ?? [];
  if (unknown.length > 0)
    throw new ExitError(
      EXIT.usage,
      `error: --subjects: ${unknown.join(', ')} not in the dataset (it has ${[...known].sort().join(', ')})`,
    );
  const m7Tables = flags.m7Tables === undefined ? undefined : await loadM7Tables(flags.m7Tables);
  const psrOptions = { ...(m7Tables && { m7Tables }), compat: flags.compat };

  let source;
  if (flags.answers !== undefined) source = ev.answersDirSource(flags.answers);
  else {
    const { loadConfig } = await import('../../../config/index.js');
    const { markupFromOptions } = await import('../../markup-options.js');
    const config = loadConfig({ cwd: process.cwd() });
    if (!markupChosenByFlags(flags) && (config.onlySaveFiles || config.checkDirectoryAnswer))
      throw new ExitError(
        EXIT.usage,
        `error: ${config.onlySaveFiles ? 'SESSION_IS_ONLY_SAVE_FILES' : 'CHECK_DIRECTORY_ANSWER'} selects a markup that ` +
          'does not return essays; pass a --markup-* option or --answers DIR',
      );
    // Offline there is no session to rehearse: the demo answers at once.
    const markup = await markupFromOptions(
      flags,
      { ...config, demoMaxDelaySec: 0 },
      {
        cwd: process.cwd(),
        ignoreSessionModes: true,
        logger: {
          debug() {},
          info() {},
          warn: (_fields, message) => void io.stderr.write(`markup: ${message}\n`),
        },
      },
    );
    const mode = markup.name.split(':')[0] ?? markup.name;
    source = ev.markupSource(markup, mode);
  }
  if (source.warning !== undefined && !flags.json) io.stderr.write(`note: ${source.warning}\n`);

  const stop = new AbortController();
  let signals = 0;
  const onSignal = (): void => {
    signals++;
    if (signals === 1) {
      io.stderr.write(
        '\nCtrl+C: finishing the essays in progress and saving the run (again to quit at once)\n',
      );
      stop.abort();
    } else process.exit(EXIT.interrupted);
  };
  const external = io.interrupt;
  if (external) external.addEventListener('abort', () => stop.abort(), { once: true });
  else {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }

  const selected = ev.selectEntries(dataset, flags.split, subjects, limit).length;
  const { SingleBar } = await import('cli-progress');
  const bar =
    io.stderr.isTTY === true && flags.progress !== false && !flags.json
      ? new SingleBar({
          format: 'eval [{bar}] {value}/{total} essays | failed {failed} | {eta_formatted} left',
          hideCursor: true,
          stream: process.stderr,
        })
      : undefined;
  bar?.start(selected, 0, { failed: 0 });
  // With --jobs above 1, scoring runs in worker threads (at most one per core) beside the markups.
  const { cpus } = await import('node:os');
  const pool = jobs > 1 ? ev.createScorePool(Math.min(jobs, cpus().length), psrOptions) : undefined;
  let failed = 0;
  let result;
  try {
    result = await ev.runEval({
      dataset,
      split: flags.split,
      ...(subjects !== undefined && { subjects }),
      ...(limit !== undefined && { limit }),
      source,
      jobs,
      ...(deadlineSec !== undefined && { deadlineSec }),
      runsDir: flags.runs,
      ...(flags.name !== undefined && { name: flags.name }),
      toolkit: toolkitVersion(),
      ...(flags.m7Tables !== undefined && { m7TablesDir: flags.m7Tables }),
      scorer: pool?.scorer ?? ev.localScorer(psrOptions),
      compat: flags.compat,
      signal: stop.signal,
      onProgress: (done, _total, last) => {
        if (last.status === 'failed') failed++;
        bar?.update(done, { failed });
      },
    });
  } finally {
    bar?.stop();
    await pool?.close();
    await source.close?.();
    if (!external) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
  const { dir, summary } = result;
  if (flags.html !== undefined) await writeRunHtml(flags.html, dir, undefined, io);
  io.stdout.write(`${flags.json ? JSON.stringify({ dir, summary }, null, 2) : ev.formatRun(dir, summary)}\n`);
  if (!summary.complete)
    throw new ExitError(
      EXIT.interrupted,
      `interrupted: ${summary.counts.notRun} essay(s) not run; the run is saved in ${dir}`,
    );
  if (summary.counts.failed > 0)
    throw new ExitError(
      EXIT.failure,
      `error: ${summary.counts.failed} of ${summary.counts.selected} essay(s) could not be scored (listed above); the run is saved in ${dir}`,
    );
}

/** The web view's run page as one file (`--html`). */
async function writeRunHtml(
  file: string,
  dir: string,
  other: string | undefined,
  io: EvalCommandIo,
): Promise<void> {
  const { runHtmlFile } = await import('../../../view/index.js');
  const { writeFile } = await import('node:fs/promises');
  const html = await runHtmlFile(dir, other).catch(wrap);
  try {
    await writeFile(file, html);
  } catch (error) {
    throw new ExitError(EXIT.failure, `error: cannot write ${file}: ${(error as Error).message}`);
  }
  io.stderr.write(`run view written to ${file}\n`);
}
