import type { Command } from 'commander';
import { EXIT, ExitError } from '../../exit-error.js';
import { isToolkitError } from '../../../errors.js';
import type { Essay } from '../../../essay/index.js';
import type { MarkupLogger } from '../../../markup/index.js';
import {
  addMarkupOptions,
  markupChosenByFlags,
  markupOverrides,
  type MarkupFlags,
} from '../../markup-options.js';
import { report, unknownTypes } from './mark-report.js';

export interface MarkIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

/** Where the configuration comes from; tests pass a temp dir and their own environment. */
export interface MarkSetup {
  /** Where `.env` is read and relative paths resolve. @default process.cwd() */
  cwd?: string;
  /** @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
}

interface MarkFlags extends MarkupFlags {
  out?: string;
  json?: boolean;
}

/** How long an asynchronous markup may take for one essay here; a session uses the platform's deadline. */
const DEADLINE_MS = 60_000;

export function registerMark(group: Command, io: MarkIo = process, setup: MarkSetup = {}): void {
  const command = group
    .command('mark')
    .description(
      'Mark one essay file with your markup (or the demo) and check the result, as a session would',
    )
    .argument('<file>', 'essay JSON file');
  addMarkupOptions(command)
    .option('--out <file>', 'write the marked essay there (atomic) instead of printing it on stdout')
    .option('--json', 'print only JSON on stdout: {file, markup, out, added, removed, essay?}')
    .addHelpText(
      'after',
      '\nExit codes: 0 marked and valid, 1 the markup failed or its output is invalid, 2 usage error.',
    )
    .action(async (file: string, flags: MarkFlags) => {
      await runMark(file, flags, io, setup);
    });
}

async function runMark(file: string, flags: MarkFlags, io: MarkIo, setup: MarkSetup): Promise<void> {
  markupOverrides(flags); // two algorithms at once: a usage error before the file is read
  const json = flags.json === true;
  const fail = (message: string): never => {
    if (json) io.stdout.write(`${JSON.stringify({ error: { file, message } }, null, 2)}\n`);
    io.stderr.write(`error: ${message}\n`);
    throw new ExitError(EXIT.failure);
  };
  try {
    const { Essay, formatWarning } = await import('../../../essay/index.js');
    const essay = await Essay.fromFile(file);
    for (const w of essay.warnings) io.stderr.write(`warning: ${formatWarning(w)}\n`);
    const { marked, name } = await mark(essay, flags, io, setup);
    if (marked === null) return fail(`markup "${name}" returned nothing for ${file} (an only-save markup?)`);
    marked.assertWritable();
    if (flags.out !== undefined) await marked.save(flags.out);
    const catalogue = await import('../../../scoring/catalogue/index.js');
    report({ file, input: essay, marked, name, unknown: unknownTypes(marked, catalogue) }, flags, io);
  } catch (error) {
    if (error instanceof ExitError || !isToolkitError(error)) throw error;
    // Read errors name the file already; markup and write errors name only the essay id.
    fail(error.message.includes(file) ? error.message : `${file}: ${error.message}`);
  }
}

async function mark(
  essay: Essay,
  flags: MarkFlags,
  io: MarkIo,
  setup: MarkSetup,
): Promise<{ marked: Essay | null; name: string }> {
  const { loadConfig } = await import('../../../config/index.js');
  const { markerFromOptions } = await import('../../markup-options.js');
  const cwd = setup.cwd ?? process.cwd();
  const config = loadConfig({ cwd, ...(setup.env !== undefined && { env: setup.env }) });
  const picked = markupChosenByFlags(flags);
  if (!picked && (config.onlySaveFiles || config.checkDirectoryAnswer)) {
    const setting = config.onlySaveFiles ? 'SESSION_IS_ONLY_SAVE_FILES' : 'CHECK_DIRECTORY_ANSWER';
    throw new ExitError(
      EXIT.failure,
      `error: ${setting} selects a markup that does not return essays; pass a --markup-* option`,
    );
  }
  // A flag chooses the algorithm for this one run, whatever the session settings say.
  const marker = await markerFromOptions(flags, config, {
    cwd,
    logger: stderrLogger(io),
    ignoreSessionModes: true,
  });
  if (marker.warning !== undefined) io.stderr.write(`warning: ${marker.warning}\n`);
  // A markup command runs in its own process group, which Ctrl+C at the terminal does not reach:
  // without this the command would outlive the CLI. A second Ctrl+C quits at once.
  const interrupt = new AbortController();
  const onSignal = (): void => {
    if (!interrupt.signal.aborted) return interrupt.abort(new Error('interrupted'));
    process.off('SIGINT', onSignal);
    process.kill(process.pid, 'SIGINT');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    // The asynchronous call even for one file: it has the deadline, and a hanging command's whole
    // process group is killed on abort (a synchronous child cannot be stopped that way).
    const context = {
      fileId: essay.meta.id,
      deadline: Date.now() + DEADLINE_MS,
      signal: AbortSignal.any([AbortSignal.timeout(DEADLINE_MS), interrupt.signal]),
    };
    return { marked: await marker.markup(essay, context), name: marker.name };
  } catch (error) {
    if (interrupt.signal.aborted) throw new ExitError(EXIT.interrupted, 'error: interrupted');
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await marker.close();
  }
}

function stderrLogger(io: MarkIo): MarkupLogger {
  const line = (message: string) => io.stderr.write(`markup: ${message}\n`);
  return { debug: () => undefined, info: (_fields, message) => line(message), warn: (_f, m) => line(m) };
}
