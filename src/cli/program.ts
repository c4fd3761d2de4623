import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { registerSession } from './commands/session/index.js';
import { registerPlatform } from './commands/platform/index.js';
import { registerCalc } from './commands/calc/index.js';
import { registerEssay } from './commands/essay/index.js';
import { registerView } from './commands/view/index.js';
import { registerDataset } from './commands/dataset/index.js';
import { registerEval } from './commands/eval/index.js';

function packageVersion(): string {
  const url = new URL('../../package.json', import.meta.url);
  const pkg = JSON.parse(readFileSync(url, 'utf8')) as { version: string };
  return pkg.version;
}

/**
Builds the whole command tree. Kept separate from `index.ts` so tests can run commands
in-process with their own output streams.
*/
export function buildProgram(): Command {
  const program = new Command('readable')
    .description('Participant toolkit for the ПРО//ЧТЕНИЕ (READ//ABLE) essay-checking contest')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  registerSession(program.command('session').description('Run exchange sessions with the platform'));
  registerPlatform(program.command('platform').description('The local platform (a Socket.IO 2 emulator)'));
  registerCalc(program.command('calc').description('Score markups offline: criteria and PSR'));
  registerEssay(program.command('essay').description('Check and inspect essay files'));
  registerEval(program);
  registerDataset(
    program.command('dataset').description('Check datasets and import them from other layouts'),
  );
  registerView(program);

  // Settings are inherited only by commands created after them, so apply them to the whole tree:
  // every usage error then surfaces as a CommanderError that index.ts maps to exit code 2.
  const walk = (command: Command): void => {
    command.exitOverride().showHelpAfterError('(run with --help for usage)');
    command.commands.forEach(walk);
  };
  walk(program);
  return program;
}

export { CommanderError };
