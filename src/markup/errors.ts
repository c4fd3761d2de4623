import { ToolkitError } from '../errors.js';

export type MarkupFailure = 'threw' | 'invalid' | 'aborted' | 'config';

/** Where a markup failure happened and what the user's program left behind. */
export interface MarkupErrorContext {
  /** The markup's name (`demo`, `command:python3 my_model.py`, …). */
  markup?: string;
  fileId?: string;
  /** The file involved: the user's module, or the answer file the directory markup waited for. */
  path?: string;
  /** Exit code of the user's command, when it exited on its own. */
  exitCode?: number;
  /** Signal that ended the user's command (`SIGKILL`, …). */
  signal?: string;
  /** What the user's command printed on stderr (capped; see `CommandMarkupOptions.maxStderrBytes`). */
  stderr?: string;
}

/** A markup implementation failed for one file. The session logs it and applies its policy. */
export class MarkupError extends ToolkitError {
  override name = 'MarkupError' as const;

  constructor(
    message: string,
    readonly kind: MarkupFailure,
    readonly context: MarkupErrorContext = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Matches by `name` too, so errors from another copy of the package still count. */
export function isMarkupError(error: unknown): error is MarkupError {
  return (
    error instanceof MarkupError ||
    (error instanceof Error &&
      error.name === 'MarkupError' &&
      typeof (error as { kind?: unknown }).kind === 'string')
  );
}
