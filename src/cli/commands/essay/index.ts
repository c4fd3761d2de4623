import type { Command } from 'commander';
import { ExitError } from '../../exit-error.js';
import { registerMark } from './mark.js';
import { registerCodes } from './codes.js';

export function registerEssay(group: Command): void {
  group
    .command('check')
    .description(
      'Check essay files as the platform would receive them: lenient reading (warnings) and the strict write rules (errors)',
    )
    .argument('<files...>', 'essay JSON files')
    .option('--json', 'print only a machine-readable result on stdout')
    .action(async (files: string[], options: { json?: boolean }) => {
      const { runEssayCheck } = await import('./check.js');
      const code = await runEssayCheck(files, {
        json: options.json ?? false,
        stdout: process.stdout,
        stderr: process.stderr,
      });
      if (code !== 0) throw new ExitError(code);
    });
  registerMark(group);
  registerCodes(group);
}
