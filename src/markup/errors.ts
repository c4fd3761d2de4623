import { ToolkitError } from '../errors.js';

export type MarkupFailure = 'threw' | 'invalid' | 'aborted' | 'config';

/** A markup implementation failed for one file. The session logs it and applies its policy. */
export class MarkupError extends ToolkitError {
  override name = 'MarkupError' as const;

  constructor(
    message: string,
    readonly kind: MarkupFailure,
    readonly context: { markup?: string; fileId?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
