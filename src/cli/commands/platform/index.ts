import type { Command } from 'commander';
import { nonNegativeNumber, port, positiveNumber } from '../../number-options.js';
import { runServe } from './serve.js';
import type { ServeFlags, ServeIo } from './serve.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerPlatform(group: Command, io: ServeIo = process): void {
  group
    .command('serve')
    .description('Run the local platform in the foreground (Socket.IO 2, WebSocket only, namespace /pku)')
    .option('--port <n>', 'port to listen on; 0 picks a free one', port, 4000)
    .option('--host <addr>', 'address to bind', '127.0.0.1')
    .option(
      '--data <dir>',
      'dataset directory (index.json + train/ + test/); default: the shipped demo dataset',
    )
    .option('--store <dir>', 'where answers, reports and client logs are written', 'files/platform')
    .option(
      '--token <token>',
      'accept this token (repeatable; visible to other users in `ps`: prefer --token-file or ' +
        'READABLE_PLATFORM_TOKENS); with no tokens given: "local"',
      collect,
      [],
    )
    .option('--token-file <file>', 'accept the tokens in this file, one per line (# comments allowed)')
    .option('--tokens-file <file>', 'the same as --token-file')
    .option(
      '--time-scale <x>',
      'multiply every session duration (e.g. 0.01 for a fast rehearsal)',
      positiveNumber,
      1,
    )
    .option('--final-time <sec>', 'seconds per file in a final session', positiveNumber, 60)
    .option('--timeout-close <sec>', 'seconds after the last push before timeout-close', positiveNumber, 300)
    .option(
      '--reconnect-window <sec>',
      'seconds a session survives without a connection',
      positiveNumber,
      900,
    )
    .option(
      '--push-interval <sec>',
      'seconds between pushes (default: the file time); 0 pushes all at once',
      nonNegativeNumber,
    )
    .addHelpText(
      'after',
      '\nTokens: --token, --token-file and the environment variable READABLE_PLATFORM_TOKENS\n' +
        '(comma, space or newline separated) add up; a token file or the environment keeps them out of `ps`.\n' +
        'The URL is printed on stdout; the log of every session goes to stderr.\n' +
        'Ctrl+C stops it cleanly: open sessions are aborted and their reports written to <store>/reports/.\n',
    )
    .action((flags: ServeFlags) => runServe(flags, io));
}
