import { ToolkitError } from '../errors.js';

/**
Thrown by a command to end the process with `code`. Only `cli/index.ts` turns it into
`process.exit`, so commands stay testable in-process.
*/
export class ExitError extends ToolkitError {
  override name = 'ExitError' as const;

  constructor(
    readonly code: number,
    message = '',
  ) {
    super(message);
  }
}

/** Exit codes shared by every command. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  /** Stopped by Ctrl+C / SIGTERM (128 + SIGINT). */
  interrupted: 130,
} as const;
