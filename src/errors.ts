/**
Base class of every error the toolkit throws on purpose. Subclasses set a literal `name`
and carry the context a user needs to act (file, essay id, event, field). Anything that is
not a `ToolkitError` reaching the CLI is a bug in the toolkit.
*/
export class ToolkitError extends Error {
  override name: string = 'ToolkitError';
  readonly toolkit = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Matches by `name` too, so errors from another copy of the package still count. */
export function isToolkitError(error: unknown): error is ToolkitError {
  return (
    error instanceof ToolkitError ||
    (error instanceof Error &&
      error.name.endsWith('Error') &&
      (error as { toolkit?: unknown }).toolkit === true)
  );
}
