import { ToolkitError } from '../errors.js';

/** The start options break a rule of docs/protocol.md §4; nothing was sent. `option` names the offending field. */
export class StartOptionsError extends ToolkitError {
  override name = 'StartOptionsError' as const;

  constructor(
    message: string,
    readonly option: string,
    readonly value: unknown,
  ) {
    super(message);
  }
}

export type SessionFailure =
  'auth' | 'start' | 'connection' | 'reconnect' | 'abort' | 'repeat' | 'closed' | 'no-session';

/**
A session operation failed: the platform refused the token, the start, the reconnect or the
abort, or the connection could not be made. `kind` says which, for the exit code and the message.
*/
export class SessionError extends ToolkitError {
  override name = 'SessionError' as const;

  constructor(
    message: string,
    readonly kind: SessionFailure,
    readonly context: { sessionId?: string | number; url?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isSessionError(error: unknown): error is SessionError {
  return error instanceof Error && error.name === 'SessionError' && 'kind' in error;
}

/** The outgoing store could not read or write its file; `path` names it, `cause` says why (ENOSPC, EACCES, …). */
export class OutgoingStoreError extends ToolkitError {
  override name = 'OutgoingStoreError' as const;

  constructor(
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    const code = (options?.cause as NodeJS.ErrnoException | undefined)?.code;
    super(`${message}: ${path}${code ? ` (${code})` : ''}`, options);
  }
}
