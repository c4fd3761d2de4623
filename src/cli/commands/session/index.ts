import { Option } from 'commander';
import type { Command } from 'commander';
import { START_LIMITS } from '../../../protocol/index.js';
import { addMarkupOptions } from '../../markup-options.js';
import { integerBetween, positiveInteger, positiveNumber } from '../../number-options.js';
import { runCommand } from './run.js';
import type { SessionCommandIo, SessionFlags } from './run.js';

const POLICIES = ['send-unmarked', 'send-late', 'skip'];
// The session module's DURABILITIES; listed here so the help needs no import of the module.
const DURABILITIES = ['atomic', 'fsync-input', 'fsync-all'];

function common(cmd: Command): Command {
  return cmd
    .option('--env-file <file>', 'read settings from this file instead of ./.env')
    .option('--host <url>', 'platform base URL (overrides HOST)')
    .option('--insecure', 'do not verify TLS certificates (explicit opt-out)');
}

function processing(cmd: Command): Command {
  return addMarkupOptions(cmd)
    .option('--directory', 'markup: wait for {fileId}.json written into the output directory by your program')
    .option('--only-save', 'save received essays, mark and send nothing')
    .option(
      '--concurrency <n>',
      'essays marked at the same time (default SESSION_CONCURRENCY or 4)',
      positiveInteger,
    )
    .addOption(
      new Option('--on-markup-failure <policy>', 'when a markup throws, returns garbage or runs out of time')
        .choices(POLICIES)
        .default('send-unmarked'),
    )
    .addOption(
      new Option(
        '--durability <level>',
        'what is flushed to the disk before going on (default SESSION_DURABILITY or fsync-input)',
      ).choices(DURABILITIES),
    );
}

export function registerSession(group: Command, io: SessionCommandIo = process): void {
  const start = group
    .command('start')
    .description(
      'Start a session and process every file (no TOKEN: a full demo session against the built-in local platform)',
    )
    .addOption(new Option('--type <type>', 'session type').choices(['algorithmic', 'technical', 'final']))
    .addOption(new Option('--dataset <ds>', 'dataset split (params.dsType)').choices(['train', 'test']))
    .addOption(new Option('--lang <lang>', 'language (params.lang)').choices(['rus', 'eng', 'all']))
    .option(
      '--count <n>',
      'number of files, 10–1000 (default 10)',
      integerBetween(START_LIMITS.countFiles.min, START_LIMITS.countFiles.max),
    )
    .option(
      '--data <dir>',
      'no TOKEN only: dataset the built-in local platform serves (default: the demo dataset)',
    )
    .option(
      '--time <sec>',
      'seconds per file, 10–60 (default 60; 10 on the local platform)',
      integerBetween(START_LIMITS.time.min, START_LIMITS.time.max),
    )
    .addOption(
      new Option(
        '--time-scale <x>',
        'real time per platform second, for a scaled local platform (built-in: 0.1)',
      )
        .argParser(positiveNumber)
        .hideHelp(),
    );
  processing(common(start))
    .addHelpText(
      'after',
      '\nPolicies: send-unmarked (default) sends the essay unmarked when the markup fails, or at deadline − 10 %;\n' +
        'send-late waits for a slow markup and sends late; skip sends nothing for such a file.\n' +
        'Durability (every file is written atomically: temp file + rename):\n' +
        '  atomic       nothing is flushed: survives a crash of the process (kill -9), not a power loss\n' +
        '  fsync-input  (default) each received essay is flushed to the disk before its answer is sent;\n' +
        '               answers are not: a power loss can cost the last seconds of answers, re-marked on resume\n' +
        '  fsync-all    answers and the outgoing store are flushed too, before each send (slowest)\n' +
        'Ctrl+C once: finish in-flight files and disconnect; twice: quit at once. Exit code 0 only if every file was accepted.',
    )
    .action((flags: SessionFlags) => runCommand('start', flags, io));

  processing(
    common(
      group
        .command('reconnect')
        .description('Resume the session in files/sessions/current.json and process files until it closes'),
    ),
  ).action((flags: SessionFlags) => runCommand('reconnect', flags, io));

  processing(
    common(group.command('repeat').description('Ask the platform for the current file once and process it')),
  ).action((flags: SessionFlags) => runCommand('repeat', flags, io));

  common(group.command('abort').description('End the active session on the platform')).action(
    (flags: SessionFlags) => runCommand('abort', flags, io),
  );
}
