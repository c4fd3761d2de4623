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

// Dataset errors come from the dataset module, which the platform reads datasets through.
export { DatasetError } from '../dataset/errors.js';

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
