import { ToolkitError } from '../errors.js';

/** A platform option is missing, of the wrong type or out of range. */
export class PlatformOptionsError extends ToolkitError {
  override name = 'PlatformOptionsError' as const;

  constructor(
    readonly option: string,
    message: string,
  ) {
    super(`\`${option}\` ${message}`);
  }
}

/** The dataset directory cannot serve sessions: no index, a bad entry or a missing essay file. */
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

/** The platform could not write what it must keep (answers, reports, logs). */
export class PlatformStoreError extends ToolkitError {
  override name = 'PlatformStoreError' as const;

  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`cannot write ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
