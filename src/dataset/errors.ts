import { ToolkitError } from '../errors.js';

/** The dataset directory cannot be used at all: no index, a bad entry or a missing essay file. */
export class DatasetError extends ToolkitError {
  override name = 'DatasetError' as const;

  constructor(
    readonly dir: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`dataset ${dir}: ${message}`, options);
  }
}
