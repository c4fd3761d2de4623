import { ToolkitError } from '../errors.js';

const CODE_TEXT: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
};

/** `no space left on device (ENOSPC)` for a Node error with a known code, else its message. */
export function describeFsCause(cause: unknown): string {
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CODE_TEXT[code] !== undefined) return `${CODE_TEXT[code]} (${code})`;
  return cause instanceof Error ? cause.message : String(cause);
}

/** A write or an append failed at the file-system level; names the file and the cause. */
export class FileError extends ToolkitError {
  override name = 'FileError' as const;
  /** Node's error code (`ENOSPC`, `EACCES`, …) when there is one. */
  readonly code: string | undefined;

  constructor(
    readonly operation: 'write' | 'append',
    readonly path: string,
    cause: unknown,
  ) {
    super(`cannot ${operation} ${path}: ${describeFsCause(cause)}`, { cause });
    const code = (cause as { code?: unknown } | null)?.code;
    this.code = typeof code === 'string' ? code : undefined;
  }
}
