#!/usr/bin/env node
import { buildProgram, CommanderError } from './program.js';
import { ExitError, EXIT } from './exit-error.js';
import { isToolkitError } from '../errors.js';

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof ExitError) {
      if (error.message) console.error(error.message);
      return error.code;
    }
    if (error instanceof CommanderError) {
      // --help and --version end with exit code 0; every other commander error is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (isToolkitError(error)) {
      console.error(`error: ${error.message}`);
      return EXIT.failure;
    }
    console.error('internal error (please report it with the log files):');
    console.error(error);
    return EXIT.failure;
  }
}

const code = await main(process.argv);
process.exitCode = code;
